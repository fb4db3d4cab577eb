package org.inboundrouter.model;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Message ids: time-ordered UUIDs (version 7 of RFC 9562: 48 bits of Unix milliseconds, then random bits). A
 * message id is the key of the store's largest index; random UUIDs put every new message on a different page of
 * it, and each of those pages is written again at the next flush, while time-ordered ids fill one page after
 * another.
 */
public final class TimeOrderedUuid {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedUuid() {
    }

    public static String next() {
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (RANDOM.nextLong() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
