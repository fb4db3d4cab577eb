package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Json;
import org.inboundrouter.ticket.SubjectToken;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;

/** What an RT ticket and its correspondence are made of, from our ticket and messages: docs/sinks/rt.md, "Mapping". */
final class RtTicketFields {

    static final String CF_CATEGORY = "Category";
    static final String CF_OUR_ID = "InboundRouterId";
    static final String CF_CHANNEL = "Channel";

    private static final int SUBJECT_FROM_TEXT = 80;

    private final RtSinkConfig config;

    RtTicketFields(RtSinkConfig config) {
        this.config = config;
    }

    ObjectNode create(Ticket ticket, TicketMessage first) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("Queue", config.queue());
        body.put("Requestor", RtRequestor.of(ticket.customer(), channelKind(ticket), config.syntheticDomain()));
        body.put("Subject", subject(ticket, first));
        body.put("Content", content(first));
        body.put("ContentType", "text/plain");
        int priority = config.priorities().of(ticket.priority());
        // InitialPriority too: RT's reports and escalation start from it
        body.put("InitialPriority", priority);
        body.put("Priority", priority);
        ObjectNode cfs = body.putObject("CustomFields");
        cfs.put(CF_CATEGORY, category(ticket));
        cfs.put(CF_OUR_ID, Long.toString(ticket.id()));
        cfs.put(CF_CHANNEL, channel(ticket));
        return body;
    }

    ObjectNode correspond(TicketMessage message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("Content", content(message));
        body.put("ContentType", "text/plain");
        return body;
    }

    static String category(Ticket ticket) {
        return ticket.category() == null || ticket.category().isBlank() ? Classification.OTHER : ticket.category();
    }

    /**
     * Our subject with our reference {@code [#id]} kept (or added): RT's mails to the customer carry the RT subject,
     * so a reply that comes back to one of our mailboxes instead of RT still threads onto our ticket and reaches RT
     * as correspondence. Channels without subjects (SMS, DMs) get the start of the first message.
     */
    static String subject(Ticket ticket, TicketMessage first) {
        String base = ticket.subject();
        if (base == null || base.isBlank()) {
            String text = first.message().text() == null ? "" : first.message().text().strip();
            String line = text.lines().findFirst().orElse("").strip();
            base = line.isEmpty() ? "(" + channelKind(ticket) + " message)" : shorten(line);
        }
        base = base.strip();
        return SubjectToken.find(base).contains(ticket.id()) ? base : base + " " + SubjectToken.of(ticket.id());
    }

    private static String shorten(String line) {
        if (line.codePointCount(0, line.length()) <= SUBJECT_FROM_TEXT) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, SUBJECT_FROM_TEXT)) + "…";
    }

    private static String content(TicketMessage message) {
        String text = message.message().text();
        // RT refuses an empty body; a message of only attachments still has to reach the ticket
        return text == null || text.isBlank() ? "(no text)" : text;
    }

    private static String channelKind(Ticket ticket) {
        return ticket.channel() == null || ticket.channel().kind() == null ? "unknown" : ticket.channel().kind();
    }

    /** {@code kind/name}, e.g. {@code sms/twilio-cn}: agents filter by kind, ops trace a channel by name. */
    static String channel(Ticket ticket) {
        ChannelRef ref = ticket.channel();
        if (ref == null) {
            return "unknown";
        }
        return ref.name() == null || ref.name().isBlank() ? channelKind(ticket) : ref.kind() + "/" + ref.name();
    }
}
