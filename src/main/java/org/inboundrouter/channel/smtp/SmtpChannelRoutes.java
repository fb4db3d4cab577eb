package org.inboundrouter.channel.smtp;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.inboundrouter.channel.ChannelRuntime;
import org.inboundrouter.channel.email.MailParseException;
import org.inboundrouter.channel.email.MailParser;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.ops.ChannelActivity;
import org.inboundrouter.pipeline.Inbound;
import org.inboundrouter.pipeline.IngestRoutes;

import javax.net.ssl.SSLContext;

/**
 * The route of one listener: each message the MTA hands over is parsed as email and stored through
 * {@code direct:ingest}, on the SMTP session's thread, before the MTA is answered. A message that cannot be parsed is
 * quarantined with its raw bytes (and so answered 250: it is kept); a store failure fails the exchange (451).
 */
final class SmtpChannelRoutes extends RouteBuilder {

    /** the {@link Envelope} of the exchange's message */
    static final String ENVELOPE = "inbound.smtp.envelope";
    private static final long DEFAULT_MAX_STORED_ATTACHMENT = 10L * 1024 * 1024;

    private final SmtpListenerConfig config;
    private final ChannelRuntime runtime;
    private final ChannelRef channel;

    SmtpChannelRoutes(SmtpListenerConfig config, ChannelRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
        this.channel = new ChannelRef(config.kind(), config.name());
    }

    static String routeId(String channelName) {
        return "channel-" + channelName;
    }

    @Override
    public void configure() throws Exception {
        // a failed message is answered 451 and logged once by the session; the stack trace says nothing more
        errorHandler(defaultErrorHandler().logExhausted(false));
        onException(MailParseException.class)
                .handled(true)
                .process(e -> IngestRoutes.quarantine(e, runtime.quarantine(), "parse"));

        // the daemon's parser is not handed to consumer channels; the same setting makes the same parser
        long maxAttachment = getContext().getPropertiesComponent()
                .resolveProperty("inbound.attachments.max-stored-bytes").map(Long::parseLong)
                .orElse(DEFAULT_MAX_STORED_ATTACHMENT);
        MailParser parser = new MailParser(maxAttachment);
        SSLContext tls = config.tlsKeystore() == null ? null
                : Tls.serverContext(config.tlsKeystore(), config.tlsKeystorePassword());

        ChannelActivity.of(getContext()).pushed(routeId(config.name()), channel);
        from(new SmtpListenerEndpoint(config, tls, getContext())).routeId(routeId(config.name()))
                .setProperty(Inbound.CHANNEL, constant(channel))
                .process(e -> parse(e, parser)).id("parse-" + config.name())
                .to(Inbound.INGEST_ENDPOINT);
    }

    private void parse(Exchange exchange, MailParser parser) throws MailParseException {
        byte[] raw = exchange.getProperty(Inbound.RAW, byte[].class);
        Envelope envelope = exchange.getProperty(ENVELOPE, Envelope.class);
        exchange.getIn().setBody(EnvelopeHeaders.add(parser.parse(raw, channel, runtime.clock().instant()),
                envelope));
    }
}
