package org.inboundrouter.channel.sms.smpp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Holds the parts of concatenated messages in memory until all have arrived or the timeout has passed. Thread-safe:
 * jsmpp hands deliver_sm PDUs to several threads at once.
 *
 * <p>A set handed out (complete, or expired) is "in flight" until the caller reports it {@link #stored} or
 * {@link #failed}: a failed store keeps the parts, so the redelivered last part or the next sweep tries again.
 */
final class Reassembly {

    private final Duration timeout;
    private final int maxPending;
    private final Map<PartSet.PartKey, Pending> pending = new LinkedHashMap<>();

    private static final class Pending {
        final Instant firstAt;
        final TreeMap<Integer, PartSet.Part> parts = new TreeMap<>();
        boolean inFlight;

        Pending(Instant firstAt) {
            this.firstAt = firstAt;
        }
    }

    Reassembly(Duration timeout, int maxPending) {
        this.timeout = timeout;
        this.maxPending = maxPending;
    }

    /**
     * Adds a part. A part already held (an SMSC redelivery) is ignored. Returns the set once it is complete.
     *
     * @throws IllegalStateException when this part would start a new set while {@code maxPending} are waiting
     */
    synchronized Optional<PartSet> add(PartSet.PartKey key, PartSet.Part part, Instant now) {
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= maxPending) {
                throw new IllegalStateException(maxPending + " concatenated messages are already waiting for parts");
            }
            p = new Pending(now);
            pending.put(key, p);
        }
        p.parts.putIfAbsent(part.number(), part);
        if (p.parts.size() == key.total() && !p.inFlight) {
            p.inFlight = true;
            return Optional.of(snapshot(key, p));
        }
        return Optional.empty();
    }

    /** The sets whose timeout has passed and that nobody is storing, now in flight. */
    synchronized List<PartSet> expired(Instant now) {
        List<PartSet> due = new ArrayList<>();
        for (Map.Entry<PartSet.PartKey, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (!p.inFlight && !now.isBefore(p.firstAt.plus(timeout))) {
                p.inFlight = true;
                due.add(snapshot(e.getKey(), p));
            }
        }
        return due;
    }

    synchronized void stored(PartSet.PartKey key) {
        pending.remove(key);
    }

    synchronized void failed(PartSet.PartKey key) {
        Pending p = pending.get(key);
        if (p != null) {
            p.inFlight = false;
        }
    }

    private static PartSet snapshot(PartSet.PartKey key, Pending p) {
        return new PartSet(key, p.firstAt, List.copyOf(p.parts.values()));
    }
}
