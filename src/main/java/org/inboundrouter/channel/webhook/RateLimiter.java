package org.inboundrouter.channel.webhook;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (API key, sender): {@code limit} requests per {@code period}, refilled continuously, so a
 * client may burst up to the limit and then proceeds at the average rate. In memory: a restart forgives everyone,
 * which is acceptable for abuse protection.
 */
public final class RateLimiter {

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    public RateLimiter(int limit, Duration period) {
        this(limit, period, System::nanoTime);
    }

    RateLimiter(int limit, Duration period, LongSupplier nanoClock) {
        this.capacity = limit;
        this.tokensPerNano = limit / (double) period.toNanos();
        this.clock = nanoClock;
    }

    /** Takes a token for {@code key}; returns 0 when allowed, else the seconds to wait before the next one. */
    public long acquire(String key) {
        long now = clock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * tokensPerNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / tokensPerNano / 1e9));
        }
    }

    /** Drops buckets that are full again, so that one-off senders do not accumulate. */
    public void evictIdle() {
        long now = clock.getAsLong();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().updated) * tokensPerNano >= capacity;
            }
        });
    }

    int size() {
        return buckets.size();
    }
}
