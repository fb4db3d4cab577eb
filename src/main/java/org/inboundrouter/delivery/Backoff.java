package org.inboundrouter.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: after the n-th failed attempt, wait {@code base * 2^(n-1)}, capped at {@code max},
 * then take a random point in its upper half, so that many items failing together (a sink that was down) do not all
 * come back in the same instant.
 */
public record Backoff(Duration base, Duration max) {

    public Duration after(int failedAttempts) {
        long baseMs = base.toMillis();
        long capped = Math.min(max.toMillis(), baseMs << Math.min(30, Math.max(0, failedAttempts - 1)));
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
