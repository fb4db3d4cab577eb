package org.inboundrouter.ops;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.inboundrouter.delivery.DeliveryWorker;
import org.inboundrouter.delivery.Outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far delivery to each sink lags: undelivered items, the age of the oldest, and the circuit breaker. A sink that
 * is down does not make the daemon unready (it still takes in and stores every message, which is what readiness
 * gates), so this check is UP whenever the outbox can be read; alert on the metrics instead.
 */
final class OutboxHealthCheck extends AbstractHealthCheck {

    static final String ID = "outbox";

    private final Outbox outbox;
    private final List<DeliveryWorker> workers;
    private final Clock clock;

    OutboxHealthCheck(Outbox outbox, List<DeliveryWorker> workers, Clock clock) {
        super(OpsRoutes.GROUP, ID);
        this.outbox = outbox;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, Object> sinks = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Instant now = clock.instant();
        try {
            for (DeliveryWorker worker : workers) {
                Outbox.Lag lag = outbox.lag(worker.sinkName());
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("pending", lag.pending());
                d.put("failed", lag.failed());
                d.put("oldestPending", lag.oldestPending() == null ? null : lag.oldestPending().toString());
                d.put("oldestPendingAgeSeconds", lag.oldestPending() == null ? 0
                        : Math.max(0, Duration.between(lag.oldestPending(), now).toSeconds()));
                d.put("breaker", worker.breakerState().name());
                sinks.put(worker.sinkName(), d);
                if (worker.breakerState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED) {
                    notes.add("sink " + worker.sinkName() + ": circuit breaker " + worker.breakerState());
                }
            }
        } catch (Exception e) {
            builder.message("cannot read the outbox: " + e.getMessage()).error(e).down();
            return;
        }
        builder.detail("sinks", sinks);
        builder.message(notes.isEmpty() ? sinks.size() + " sink(s)" : String.join("; ", notes)).up();
    }
}
