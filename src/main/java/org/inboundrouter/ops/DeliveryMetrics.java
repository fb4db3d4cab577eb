package org.inboundrouter.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** Counts the delivery workers' attempts into {@link InboundMetrics}. */
final class DeliveryMetrics implements DeliveryObserver {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryMetrics.class);

    private final InboundMetrics metrics;
    private final OpsQueries queries;

    DeliveryMetrics(InboundMetrics metrics, OpsQueries queries) {
        this.metrics = metrics;
        this.queries = queries;
    }

    @Override
    public void attempted(String sink) {
        metrics.deliveryAttempted(sink);
    }

    @Override
    public void delivered(String sink, long outboxId, Instant at) {
        try {
            queries.queuedAt(outboxId).ifPresent(queued -> metrics.delivered(sink, Duration.between(queued, at)));
        } catch (SQLException e) {
            // the delivery itself is recorded; only this one latency sample is lost
            LOG.debug("sink {}: no queue time for outbox item {}: {}", sink, outboxId, e.getMessage());
        }
    }

    @Override
    public void failed(String sink, boolean permanent) {
        metrics.deliveryFailed(sink, permanent);
    }

    @Override
    public void gaveUp(String sink) {
        metrics.quarantined("delivery");
    }
}
