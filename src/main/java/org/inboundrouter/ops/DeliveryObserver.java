package org.inboundrouter.ops;

import java.time.Instant;

/** What a delivery worker tells about its attempts; the metrics implement it, tests and tools need not. */
public interface DeliveryObserver {

    DeliveryObserver NONE = new DeliveryObserver() {
    };

    /** The breaker let an attempt through and it is about to be made. */
    default void attempted(String sink) {
    }

    /** Outbox item {@code outboxId} reached the sink at {@code at}. */
    default void delivered(String sink, long outboxId, Instant at) {
    }

    default void failed(String sink, boolean permanent) {
    }

    /** The item failed for good and was quarantined. */
    default void gaveUp(String sink) {
    }
}
