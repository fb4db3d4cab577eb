package org.inboundrouter.channel.sms.smpp;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.smpp.SmppMessage;
import org.apache.camel.spi.PropertiesComponent;
import org.inboundrouter.channel.ChannelRuntime;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.ops.ChannelActivity;
import org.inboundrouter.pipeline.Inbound;
import org.inboundrouter.pipeline.IngestRoutes;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of one SMPP channel: the {@code smpp-source} Kamelet's deliver_sm PDUs become messages (whole ones at
 * once, parts of concatenated ones once all have arrived), and a timer stores concatenated messages whose parts
 * stopped arriving.
 *
 * <p>The SMSC's deliver_sm is answered when this route returns (see the Kamelet): ESME_ROK once the message is
 * stored, or once a part is held in memory; {@link #TEMPORARY_ERROR} when storing failed, so that it is delivered
 * again.
 */
final class SmppChannelRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(SmppChannelRoutes.class);

    /** ESME_RX_T_APPN: "ESME receiver temporary app error", which SMSCs answer by delivering again later. */
    static final int TEMPORARY_ERROR = 0x64;
    /** How many concatenated messages may wait for parts at once; beyond that new ones are refused for later. */
    private static final int MAX_WAITING = 10_000;
    private static final String PART_SET = "smpp.partSet";
    /**
     * The jsmpp PDU behind the exchange, set by the Kamelet: camel-smpp's message loses it when Camel copies the
     * message across the Kamelet boundary, and its own body decoding knows neither user data headers nor GSM 7-bit.
     */
    static final String COMMAND = "inbound.smpp.command";

    private final SmppChannelConfig config;
    private final ChannelRuntime runtime;
    private final ChannelRef channel;
    private final SmppIntakes intakes;
    private final Reassembly reassembly;

    SmppChannelRoutes(SmppChannelConfig config, ChannelRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
        this.channel = new ChannelRef(config.kind(), config.name());
        this.intakes = new SmppIntakes(channel, config.defaultAlphabet());
        this.reassembly = new Reassembly(config.concatTimeout(), MAX_WAITING);
    }

    static String sourceRouteId(String channelName) {
        return "smsc-" + channelName;
    }

    static String routeId(String channelName) {
        return "channel-" + channelName;
    }

    @Override
    public void configure() throws Exception {
        onException(SmppPduException.class)
                .handled(true)
                .process(e -> IngestRoutes.quarantine(e, runtime.quarantine(), "parse"));

        ChannelActivity activity = ChannelActivity.of(getContext());
        activity.connected(routeId(config.name()), channel, config.password().value());
        String receiver;
        if (config.bindType() == SmppChannelConfig.BindType.TRANSCEIVER) {
            receiver = "direct:smpp-transceiver-" + config.name();
            TransceiverBind bind = new TransceiverBind(getContext(), config, routeId(config.name()));
            getContext().addService(bind, true, true);
            getContext().addService(new BindRetry(getContext(), config, () -> activity.attempt(channel, bind::bind)),
                    true, true);
        } else {
            String sourceId = sourceRouteId(config.name());
            PropertiesComponent properties = getContext().getPropertiesComponent();
            // as for mailboxes: parameters travel as properties, so the password never appears in an endpoint URI
            String prefix = "camel.kamelet.smpp-source." + sourceId + ".";
            for (Map.Entry<String, String> p : config.kameletParameters().entrySet()) {
                properties.addOverrideProperty(prefix + p.getKey(), p.getValue());
            }
            properties.addOverrideProperty(prefix + "password", config.password().value());
            receiver = "kamelet:smpp-source/" + sourceId;
            // the Kamelet's route does not start with the context (see the Kamelet); this starts it
            getContext().addService(new BindRetry(getContext(), config,
                    () -> activity.attempt(channel, () -> startKameletRoute(sourceId))), true, true);
        }

        from(receiver).routeId(routeId(config.name()))
                .setProperty(Inbound.CHANNEL, constant(channel))
                .process(this::accept).id("accept-" + config.name())
                .doTry()
                    .to(Inbound.INGEST_ENDPOINT)
                .doCatch(Exception.class)
                    .process(this::storeFailed)
                .end()
                .process(this::stored);

        long sweep = Math.max(200, Math.min(1000, config.concatTimeout().toMillis() / 4));
        from("timer:smpp-concat-" + config.name() + "?period=" + sweep).routeId("smpp-concat-" + config.name())
                .process(e -> e.getIn().setBody(reassembly.expired(runtime.clock().instant())))
                .split(body())
                    .setProperty(Inbound.CHANNEL, constant(channel))
                    .process(this::incomplete)
                    .doTry()
                        .to(Inbound.INGEST_ENDPOINT)
                        .process(this::stored)
                    .doCatch(Exception.class)
                        .process(this::sweepFailed)
                    .end()
                .end();
    }

    /**
     * Starts the Kamelet's route once the SMSC accepts connections. The probe matters: a camel-smpp consumer whose
     * start failed has shut its reconnect executor down for good, so it would bind once and never rebind after a
     * drop. Camel skips the consumer of a route declared autoStartup false even when asked to start it, so the flag
     * is turned on first.
     */
    private void startKameletRoute(String sourceId) throws Exception {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress(config.host(), config.port()),
                    (int) Math.min(10_000, config.responseTimeout().toMillis()));
        }
        org.apache.camel.Route route = getContext().getRoute(sourceId);
        if (route == null) {
            throw new IllegalStateException("no route " + sourceId);
        }
        route.setAutoStartup(true);
        getContext().getRouteController().startRoute(sourceId);
        if (!getContext().getRouteController().getRouteStatus(sourceId).isStarted()) {
            throw new IllegalStateException("route " + sourceId + " did not start");
        }
    }

    /** Reads the PDU; sets the body to the message to store, or stops here (receipts, parts still waiting). */
    private void accept(Exchange exchange) throws Exception {
        Object command = exchange.getProperty(COMMAND);
        if (command == null && exchange.getIn() instanceof SmppMessage sm) {
            command = sm.getCommand(); // a transceiver bind: no Kamelet in between
        }
        if (!(command instanceof DeliverSm deliverSm)) {
            LOG.debug("smpp {}: ignoring {}", config.name(), command == null ? "a message without PDU" : command);
            exchange.setRouteStop(true);
            return;
        }
        ShortMessagePdu pdu = ShortMessagePdu.of(deliverSm);
        Instant now = runtime.clock().instant();
        if (pdu.isReceipt()) {
            LOG.debug("smpp {}: delivery receipt from {} (esm_class 0x{}), not a message", config.name(),
                    pdu.source(), Integer.toHexString(pdu.esmClass() & 0xFF));
            exchange.setRouteStop(true);
            return;
        }
        exchange.setProperty(Inbound.RAW, intakes.renderingOf(pdu, now));
        UserData data = UserData.of(pdu);
        if (data.segment() == null) {
            exchange.getIn().setBody(intakes.whole(pdu, data, now));
            return;
        }
        Segment s = data.segment();
        PartSet.PartKey key = new PartSet.PartKey(pdu.source(), pdu.dest(), s.scheme(), s.reference(), s.total());
        Optional<PartSet> complete;
        try {
            complete = reassembly.add(key, new PartSet.Part(s.number(), pdu, data.text()), now);
        } catch (IllegalStateException full) {
            throw new ProcessRequestException(full.getMessage(), TEMPORARY_ERROR);
        }
        if (complete.isEmpty()) {
            LOG.debug("smpp {}: part {}/{} of {} {} from {} held", config.name(), s.number(), s.total(),
                    s.scheme().label(), s.reference(), pdu.source());
            exchange.setRouteStop(true);
            return;
        }
        exchange.setProperty(PART_SET, complete.get().key());
        exchange.getIn().setBody(intakes.assembled(complete.get()));
    }

    private void incomplete(Exchange exchange) {
        PartSet set = exchange.getIn().getBody(PartSet.class);
        Intake intake = intakes.assembled(set);
        exchange.setProperty(PART_SET, set.key());
        exchange.setProperty(Inbound.RAW, intake.raw());
        exchange.getIn().setBody(intake);
        LOG.warn("smpp {}: concatenated message {} {} from {} stored incomplete: part(s) {} of {} missing after {}",
                config.name(), set.key().scheme().label(), set.key().reference(), set.key().source(), set.missing(),
                set.key().total(), config.concatTimeout());
    }

    private void stored(Exchange exchange) {
        PartSet.PartKey key = exchange.getProperty(PART_SET, PartSet.PartKey.class);
        if (key != null) {
            reassembly.stored(key);
        }
    }

    /** The SMSC keeps the PDU and delivers it again; a held set keeps its parts for that redelivery. */
    private void storeFailed(Exchange exchange) throws ProcessRequestException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        PartSet.PartKey key = exchange.getProperty(PART_SET, PartSet.PartKey.class);
        if (key != null) {
            reassembly.failed(key);
        }
        String reason = cause == null ? "unknown" : cause.getMessage();
        LOG.warn("smpp {}: not stored, answering deliver_sm with 0x{} so the SMSC delivers it again: {}",
                config.name(), Integer.toHexString(TEMPORARY_ERROR), reason);
        throw new ProcessRequestException("not stored: " + reason, TEMPORARY_ERROR, cause);
    }

    private void sweepFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        PartSet.PartKey key = exchange.getProperty(PART_SET, PartSet.PartKey.class);
        if (key != null) {
            reassembly.failed(key);
        }
        LOG.warn("smpp {}: incomplete concatenated message not stored, trying again: {}", config.name(),
                cause == null ? "unknown" : cause.getMessage());
    }
}
