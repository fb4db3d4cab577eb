package org.inboundrouter.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.ops.InboundMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code direct:ingest}: takes an {@link Intake} from any channel and stores it. An item the store refuses for good is
 * quarantined and the exchange completes, so its source is acknowledged; a transient store failure is retried a few
 * times and then fails the exchange, so the source keeps the item and offers it again.
 */
public final class IngestRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("inbound");

    private final IngestPipeline pipeline;
    private final Quarantine quarantine;

    public IngestRoutes(IngestPipeline pipeline, Quarantine quarantine) {
        this.pipeline = pipeline;
        this.quarantine = quarantine;
    }

    @Override
    public void configure() {
        onException(UnstorableMessageException.class)
                .handled(true)
                .process(e -> quarantine(e, quarantine, "store"));

        onException(TransientStoreException.class)
                .maximumRedeliveries(2)
                .redeliveryDelay(500)
                .logExhaustedMessageHistory(false)
                .logStackTrace(false);

        from(Inbound.INGEST_ENDPOINT).routeId("ingest")
                .process(InboundMetrics::received).id("count")
                .process(this::ingest).id("store");
    }

    private void ingest(Exchange exchange) throws Exception {
        Intake intake = exchange.getIn().getMandatoryBody(Intake.class);
        exchange.setProperty(Inbound.INTAKE, intake);
        IngestOutcome outcome = pipeline.ingest(intake);
        InboundMetrics.of(exchange.getContext()).ingested(intake, outcome, java.time.Instant.now());
        var m = intake.message();
        switch (outcome.kind()) {
            case CREATED, APPENDED -> LOG.info("{} {}: message {} {} ticket #{} category={}",
                    m.channel().kind(), m.channel().name(), m.id(),
                    outcome.kind() == IngestOutcome.Kind.CREATED ? "opened" : "appended to",
                    outcome.ticketId(), outcome.category());
            case BOUNCE_ATTACHED -> LOG.info("{} {}: bounce {} attached to ticket #{}",
                    m.channel().kind(), m.channel().name(), m.id(), outcome.ticketId());
            case SUPPRESSED -> LOG.info("{} {}: message {} suppressed ({}): {}",
                    m.channel().kind(), m.channel().name(), m.id(), intake.noise().kind(), intake.noise().reason());
            case DUPLICATE -> LOG.info("{} {}: duplicate of {}, already stored",
                    m.channel().kind(), m.channel().name(), outcome.ref());
        }
    }

    /** Quarantines the exchange's raw item with the caught exception as reason. Shared by the channel routes. */
    public static void quarantine(Exchange exchange, Quarantine quarantine, String stage) throws Exception {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ChannelRef channel = exchange.getProperty(Inbound.CHANNEL, ChannelRef.class);
        byte[] raw = exchange.getProperty(Inbound.RAW, byte[].class);
        Intake intake = exchange.getProperty(Inbound.INTAKE, Intake.class);
        String reason = cause == null ? "unknown" : cause.getMessage();
        long id = quarantine.put(channel, raw, intake == null ? null : intake.dedupKey(), stage, reason);
        if (id > 0) {
            InboundMetrics.of(exchange.getContext()).quarantined(stage);
            LOG.warn("{} {}: quarantined as #{} at stage {}: {}", channel.kind(), channel.name(), id, stage, reason);
        }
    }
}
