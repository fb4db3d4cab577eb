package org.inboundrouter.ops;

import io.micrometer.core.instrument.Tags;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.builder.RouteBuilder;
import org.inboundrouter.delivery.DeliveryWorker;
import org.inboundrouter.delivery.Outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Binds the health checks of channels, outbox and quarantine (Camel's health-check registry finds them in the bean
 * registry, as it finds the store's) and the metrics that {@code GET /metrics} (in the HTTP API) serves. No route of
 * its own: the HTTP endpoints stay together in {@code api.ApiRoutes}.
 *
 * <p>Settings (application.properties): {@code inbound.health.channel-stale-after} (default 15m): a polled channel
 * with no completed poll for this long, or three of its poll intervals if that is longer, is DOWN;
 * {@code inbound.health.channel-failure-threshold} (default 3): this many failed polls or connection attempts in a
 * row make a channel DOWN.
 */
final class OpsRoutes extends RouteBuilder {

    static final String GROUP = "inbound-router";
    static final String STALE_AFTER = "inbound.health.channel-stale-after";
    static final String FAILURE_THRESHOLD = "inbound.health.channel-failure-threshold";
    private static final List<CircuitBreaker.State> BREAKER_STATES = List.of(CircuitBreaker.State.CLOSED,
            CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);

    private final InboundMetrics metrics;
    private final Outbox outbox;
    private final OpsQueries queries;
    private final List<DeliveryWorker> workers;
    private ChannelActivity activity;
    private Duration staleAfter;
    private int failureThreshold;

    OpsRoutes(InboundMetrics metrics, Outbox outbox, OpsQueries queries, List<DeliveryWorker> workers) {
        this.metrics = metrics;
        this.outbox = outbox;
        this.queries = queries;
        this.workers = workers;
    }

    @Override
    public void configure() {
        var properties = getContext().getPropertiesComponent();
        staleAfter = Durations.parse(STALE_AFTER, properties.resolveProperty(STALE_AFTER).orElse("15m"));
        String threshold = properties.resolveProperty(FAILURE_THRESHOLD).orElse("3").trim();
        if (!threshold.matches("[1-9]\\d{0,3}")) {
            throw new IllegalArgumentException(FAILURE_THRESHOLD + ": must be a whole number from 1, was \""
                    + threshold + "\"");
        }
        failureThreshold = Integer.parseInt(threshold);
        activity = ChannelActivity.of(getContext());

        var registry = getContext().getRegistry();
        registry.bind(InboundMetrics.BEAN, metrics);
        registry.bind("channels-health-check", new ChannelsHealthCheck(activity, staleAfter, failureThreshold));
        registry.bind("outbox-health-check", new OutboxHealthCheck(outbox, workers, activity.clock()));
        registry.bind("quarantine-health-check", new QuarantineHealthCheck(queries));
        metrics.beforeScrape(this::refreshGauges);
    }

    /** Gauges are read at scrape time, so a scrape never shows a value older than itself. */
    private void refreshGauges() {
        Instant now = activity.clock().instant();
        try {
            for (DeliveryWorker worker : workers) {
                Tags sink = Tags.of("sink", worker.sinkName());
                Outbox.Lag lag = outbox.lag(worker.sinkName());
                metrics.outboxPending.set(sink, lag.pending());
                metrics.outboxFailed.set(sink, lag.failed());
                metrics.outboxOldestAge.set(sink, lag.oldestPending() == null ? 0
                        : Math.max(0, Duration.between(lag.oldestPending(), now).toMillis() / 1000.0));
            }
            metrics.quarantineOpen.set(Tags.empty(), queries.openQuarantine());
        } catch (Exception ex) {
            // the store is down: its series go (the store health check says why) rather than show old values
        }
        for (DeliveryWorker worker : workers) {
            for (CircuitBreaker.State state : BREAKER_STATES) {
                metrics.breakerState.set(Tags.of("sink", worker.sinkName(), "state",
                        state.name().toLowerCase(Locale.ROOT)), worker.breakerState() == state ? 1 : 0);
            }
        }
        for (ChannelStatus s : activity.statuses()) {
            Tags tags = Tags.of("channel", s.name(), "kind", s.kind(),
                    "mode", s.mode().name().toLowerCase(Locale.ROOT));
            metrics.channelUp.set(tags, s.problem(now, staleAfter, failureThreshold) == null ? 1 : 0);
            metrics.channelFailures.set(tags, s.consecutiveFailures());
            metrics.channelLastSuccess.set(tags, seconds(s.lastSuccess() == null ? s.since() : s.lastSuccess()));
            if (s.lastReceive() != null) {
                metrics.channelLastReceive.set(tags, seconds(s.lastReceive()));
            }
        }
        for (GaugeFamily family : List.of(metrics.outboxPending, metrics.outboxFailed, metrics.outboxOldestAge,
                metrics.quarantineOpen, metrics.breakerState, metrics.channelUp, metrics.channelFailures,
                metrics.channelLastSuccess, metrics.channelLastReceive)) {
            family.retainSeen();
        }
    }

    private static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }
}
