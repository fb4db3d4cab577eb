package org.inboundrouter.channel.email;

import jakarta.mail.Message;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.DefaultMessage;
import org.inboundrouter.channel.email.imap.ImapMailboxEndpoint;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.config.EmailChannelConfig.Protocol;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.ops.ChannelActivity;
import org.inboundrouter.pipeline.Inbound;
import org.inboundrouter.pipeline.IngestRoutes;
import org.inboundrouter.pipeline.Quarantine;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One route per configured mailbox: {@link ImapMailboxEndpoint} reads an IMAP mailbox, the {@code email-source}
 * Kamelet (routes/kamelets, camel-mail) polls a POP3 one; this route takes each mail's raw bytes, parses them and
 * hands the result to {@code direct:ingest}. A mail that cannot be parsed is quarantined; a mail that cannot be
 * read from the server or stored fails the exchange and stays there for the next round.
 */
public final class EmailChannelRoutes extends RouteBuilder {

    private final List<EmailChannelConfig> channels;
    private final MailParser parser;
    private final Quarantine quarantine;
    private final boolean camelMailForImap;

    public EmailChannelRoutes(List<EmailChannelConfig> channels, MailParser parser, Quarantine quarantine) {
        this(channels, parser, quarantine, false);
    }

    private EmailChannelRoutes(List<EmailChannelConfig> channels, MailParser parser, Quarantine quarantine,
            boolean camelMailForImap) {
        this.channels = channels;
        this.parser = parser;
        this.quarantine = quarantine;
        this.camelMailForImap = camelMailForImap;
    }

    /** These routes reading IMAP the way they did before {@link ImapMailboxEndpoint}, by camel-mail: to compare. */
    public EmailChannelRoutes camelMailForImap() {
        return new EmailChannelRoutes(channels, parser, quarantine, true);
    }

    /** The id of the Kamelet route that polls {@code channel}; also the key of its properties. */
    public static String sourceRouteId(String channelName) {
        return "mailbox-" + channelName;
    }

    public static String routeId(String channelName) {
        return "channel-" + channelName;
    }

    @Override
    public void configure() {
        onException(MailParseException.class)
                .handled(true)
                .process(e -> IngestRoutes.quarantine(e, quarantine, "parse"));

        for (EmailChannelConfig channel : channels) {
            if (!channel.enabled()) {
                continue;
            }
            ChannelRef ref = new ChannelRef(channel.kind(), channel.name());
            RouteDefinition source = channel.protocol() == Protocol.IMAP && !camelMailForImap
                    ? fromMailbox(channel, ref)
                    : fromKamelet(channel, ref);
            source.routeId(routeId(channel.name()))
                    .setProperty(Inbound.CHANNEL, constant(ref))
                    .process(EmailChannelRoutes::readRaw).id("read-" + channel.name())
                    .process(this::parse).id("parse-" + channel.name())
                    .to(Inbound.INGEST_ENDPOINT);
        }
    }

    /** IMAP: our own consumer, which waits with IDLE and fetches and acknowledges in batches. */
    private RouteDefinition fromMailbox(EmailChannelConfig channel, ChannelRef ref) {
        ChannelActivity.of(getContext()).connected(routeId(channel.name()), ref, channel.password().value());
        return from(new ImapMailboxEndpoint(getContext(), channel));
    }

    /** POP3 (and IMAP for comparison): the email-source Kamelet, camel-mail polling every pollInterval. */
    private RouteDefinition fromKamelet(EmailChannelConfig channel, ChannelRef ref) {
        PropertiesComponent properties = getContext().getPropertiesComponent();
        String sourceId = sourceRouteId(channel.name());
        // Kamelet parameters travel as properties, not URI query parameters: nothing to escape, and the
        // password never appears in an endpoint URI.
        String prefix = "camel.kamelet.email-source." + sourceId + ".";
        for (Map.Entry<String, String> p : channel.kameletParameters().entrySet()) {
            properties.addOverrideProperty(prefix + p.getKey(), p.getValue());
        }
        properties.addOverrideProperty(prefix + "password", channel.password().value());

        ChannelActivity.of(getContext()).polled(sourceId, ref, channel.password().value());
        return from("kamelet:email-source/" + sourceId);
    }

    /**
     * Replaces camel-mail's message by a plain one holding the raw bytes. camel-mail's message maps headers lazily
     * from the server and assumes it was created by a mail endpoint (behind a Kamelet it was not), so nothing
     * downstream (error handlers included) may touch it. camel-mail's commit keeps its own reference to the mail.
     */
    private static void readRaw(Exchange exchange) throws Exception {
        byte[] raw = rawBytes(exchange);
        exchange.setProperty(Inbound.RAW, raw);
        DefaultMessage plain = new DefaultMessage(exchange);
        plain.setBody(raw);
        exchange.setIn(plain);
    }

    private void parse(Exchange exchange) throws MailParseException {
        ChannelRef channel = exchange.getProperty(Inbound.CHANNEL, ChannelRef.class);
        byte[] raw = exchange.getProperty(Inbound.RAW, byte[].class);
        exchange.getIn().setBody(parser.parse(raw, channel, Instant.now()));
    }

    /** The mail exactly as the server has it; one fetch of the whole message (a peek, so no \Seen yet). */
    private static byte[] rawBytes(Exchange exchange) throws Exception {
        if (exchange.getIn().getBody() instanceof byte[] fetched) {
            return fetched; // ImapMailboxEndpoint fetched it with its batch
        }
        Message mail = exchange.getIn() instanceof MailMessage mm
                ? mm.getOriginalMessage()
                : exchange.getIn().getMandatoryBody(Message.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, mail.getSize()));
        mail.writeTo(out);
        return out.toByteArray();
    }
}
