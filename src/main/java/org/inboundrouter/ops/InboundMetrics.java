package org.inboundrouter.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.pipeline.IngestOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The daemon's counters and histograms, served as Prometheus text at {@code GET /metrics}. The ingest route counts
 * what becomes of each message ({@link #received}, {@link #ingested}, {@link #quarantined}), the delivery workers
 * their attempts (through {@link DeliveryObserver}); the gauges are read from the store at each scrape.
 */
public final class InboundMetrics {

    static final String BEAN = "inbound-metrics";
    /** For routes running without the ops routes (tests, tools): counts go nowhere anyone reads. */
    private static final InboundMetrics UNBOUND = new InboundMetrics();

    /** Receipt to commit is the daemon's own work: milliseconds normally, seconds when the store struggles. */
    private static final Duration[] STORE_BUCKETS = durations(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);
    /** Commit to delivery includes the sink's poll interval, retries and outages: seconds to hours. */
    private static final Duration[] DELIVERY_BUCKETS = durations(1, 2, 5, 10, 30, 60, 120, 300, 900, 1800, 3600, 14400,
            86400);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final GaugeFamily outboxPending = gauge("inbound.outbox.pending", "undelivered outbox items", null);
    final GaugeFamily outboxFailed = gauge("inbound.outbox.failed", "outbox items that failed for good", null);
    final GaugeFamily outboxOldestAge = gauge("inbound.outbox.oldest.pending.age",
            "age of the oldest undelivered outbox item (0 when none)", "seconds");
    final GaugeFamily breakerState = gauge("inbound.delivery.breaker.state",
            "1 for the sink's current circuit-breaker state", null);
    final GaugeFamily quarantineOpen = gauge("inbound.quarantine.open", "open quarantine entries", null);
    final GaugeFamily channelUp = gauge("inbound.channel.up", "1 when the channel is healthy", null);
    final GaugeFamily channelFailures = gauge("inbound.channel.consecutive.failures",
            "failed polls or connection attempts since the last success", null);
    final GaugeFamily channelLastSuccess = gauge("inbound.channel.last.success.timestamp",
            "last completed poll, connection or received message (Unix time; since start when none yet)", "seconds");
    final GaugeFamily channelLastReceive = gauge("inbound.channel.last.receive.timestamp",
            "last message received (Unix time; absent when none yet)", "seconds");

    private volatile Runnable beforeScrape = () -> { };

    InboundMetrics() {
    }

    /** The context's metrics, or a sink for counts when the ops routes are not there. */
    public static InboundMetrics of(CamelContext context) {
        InboundMetrics metrics = context.getRegistry().lookupByNameAndType(BEAN, InboundMetrics.class);
        return metrics != null ? metrics : UNBOUND;
    }

    /**
     * A processor step for the ingest route: counts the message once, before the store step, whose redeliveries
     * would count it again.
     */
    public static void received(Exchange exchange) {
        Intake intake = exchange.getIn().getBody(Intake.class);
        if (intake != null) {
            ChannelRef channel = intake.message().channel();
            of(exchange.getContext()).received(channel);
            ChannelActivity.of(exchange.getContext()).received(channel);
        }
    }

    void received(ChannelRef channel) {
        Counter.builder("inbound.messages.received").description("messages handed to the pipeline")
                .tags("channel", channel.name(), "kind", channel.kind()).register(registry).increment();
    }

    /** What became of a message the pipeline took, committed at {@code committedAt}. */
    public void ingested(Intake intake, IngestOutcome outcome, Instant committedAt) {
        String channel = intake.message().channel().name();
        switch (outcome.kind()) {
            case CREATED -> count("inbound.tickets.opened", "tickets opened", "channel", channel);
            case APPENDED -> count("inbound.tickets.appended", "messages added to an open ticket", "channel", channel);
            case BOUNCE_ATTACHED -> suppressed("bounce");
            case SUPPRESSED -> suppressed(intake.noise() == null ? "unknown"
                    : intake.noise().kind().name().toLowerCase(Locale.ROOT));
            case DUPLICATE -> suppressed("duplicate");
        }
        if (outcome.category() != null
                && (outcome.kind() == IngestOutcome.Kind.CREATED || outcome.kind() == IngestOutcome.Kind.APPENDED)) {
            count("inbound.messages.classified", "customer messages by primary category", "category",
                    outcome.category());
        }
        if (outcome.kind() != IngestOutcome.Kind.DUPLICATE) {
            Timer.builder("inbound.receipt.to.stored").description("from receipt to the committed store transaction")
                    .tag("channel", channel).serviceLevelObjectives(STORE_BUCKETS).register(registry)
                    .record(nonNegative(Duration.between(intake.message().receivedAt(), committedAt)));
        }
    }

    private void suppressed(String reason) {
        count("inbound.messages.suppressed", "messages that opened no ticket", "reason", reason);
    }

    /** An item quarantined at {@code stage} (parse, store, delivery). */
    public void quarantined(String stage) {
        count("inbound.messages.quarantined", "items quarantined", "stage", stage);
    }

    /** As {@link #quarantined(String)}, for a {@code Quarantine.put} result: -1 means it was there already. */
    public void quarantined(String stage, long quarantineId) {
        if (quarantineId > 0) {
            quarantined(stage);
        }
    }

    void deliveryAttempted(String sink) {
        count("inbound.delivery.attempts", "delivery attempts", "sink", sink);
    }

    void deliveryFailed(String sink, boolean permanent) {
        Counter.builder("inbound.delivery.failures").description("failed delivery attempts")
                .tags("sink", sink, "permanent", Boolean.toString(permanent)).register(registry).increment();
    }

    void delivered(String sink, Duration storedToDelivered) {
        Timer.builder("inbound.stored.to.delivered").description("from commit in the store to delivery to the sink")
                .tag("sink", sink).serviceLevelObjectives(DELIVERY_BUCKETS).register(registry)
                .record(nonNegative(storedToDelivered));
    }

    /** Prometheus text exposition format 0.0.4, the gauges read just before. */
    public synchronized String scrape() {
        beforeScrape.run();
        return registry.scrape();
    }

    /** Reads the gauges' values from where they live (the store, the workers) at each scrape. */
    void beforeScrape(Runnable refresh) {
        this.beforeScrape = refresh;
    }

    private void count(String name, String description, String tag, String value) {
        Counter.builder(name).description(description).tag(tag, value).register(registry).increment();
    }

    private GaugeFamily gauge(String name, String description, String baseUnit) {
        return new GaugeFamily(registry, name, description, baseUnit);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration[] durations(double... seconds) {
        Duration[] out = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return out;
    }
}
