package org.inboundrouter.delivery.zammad;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.inboundrouter.model.Attachment;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Json;
import org.inboundrouter.model.Party;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;

import java.util.StringJoiner;

/**
 * A customer message as a Zammad article. {@code sender: Customer} is what keeps Zammad from sending anything: it
 * mails or texts out only articles whose sender is an agent. {@code message_id} carries our message id, so that an
 * append repeated after a lost answer can see that the article is already there.
 */
final class ZammadArticles {

    private ZammadArticles() {
    }

    static ObjectNode article(Ticket ticket, TicketMessage message) {
        InboundMessage m = message.message();
        ObjectNode article = Json.mapper().createObjectNode();
        if (m.subject() != null && !m.subject().isBlank()) {
            article.put("subject", m.subject());
        }
        article.put("body", body(m));
        article.put("content_type", "text/plain");
        article.put("type", type(m.channel() != null ? m.channel() : ticket.channel()));
        article.put("internal", false);
        article.put("sender", "Customer");
        Party from = m.sender() != null ? m.sender() : ticket.customer();
        if (from != null && from.address() != null) {
            article.put("from", from(from));
        }
        String messageId = messageId(message);
        if (messageId != null) {
            article.put("message_id", messageId);
        }
        return article;
    }

    /** Our marker in the article's {@code message_id}; null when the message has no id to mark it with. */
    static String messageId(TicketMessage message) {
        String id = message.message().id();
        return id == null || id.isBlank() ? null : "<" + id + "@inbound-router>";
    }

    /**
     * Zammad's article types for what the customer used. {@code chat} for direct messages: Zammad's own social types
     * (telegram personal-message, ...) make it offer replies through a channel it does not have here.
     */
    static String type(ChannelRef channel) {
        String kind = channel == null || channel.kind() == null ? "" : channel.kind();
        return switch (kind) {
            case ChannelRef.EMAIL -> "email";
            case ChannelRef.SMS -> "sms";
            case ChannelRef.FORM -> "web";
            default -> "chat";
        };
    }

    private static String body(InboundMessage m) {
        String text = m.text() == null || m.text().isBlank() ? "(no text)" : m.text();
        if (m.attachments().isEmpty()) {
            return text;
        }
        // attachments are not uploaded; the names tell the agent there is more in the router's store
        StringJoiner names = new StringJoiner(", ", "\n\n[attachments kept by inbound-router: ", "]");
        for (Attachment a : m.attachments()) {
            names.add(a.name() == null ? "(unnamed " + a.mediaType() + ")" : a.name());
        }
        return text + names;
    }

    private static String from(Party party) {
        if (party.name() == null || party.name().isBlank()) {
            return party.address();
        }
        String name = party.name().replace("\"", "'");
        return party.address().contains("@") ? "\"" + name + "\" <" + party.address() + ">"
                : name + " (" + party.address() + ")";
    }
}
