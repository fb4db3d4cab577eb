package org.inboundrouter.delivery.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.inboundrouter.model.Json;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The JSON a receiver gets. {@code sentAt} is inside the body, and so under the signature: the timestamp header alone
 * could be changed by whoever replays a captured delivery.
 */
final class WebhookPayload {

    static final String CREATED = "ticket.created";
    static final String APPENDED = "message.appended";

    private WebhookPayload() {
    }

    static byte[] body(String event, String deliveryId, Instant sentAt, Ticket ticket, TicketMessage message,
            String remoteId) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("event", event);
        root.put("deliveryId", deliveryId);
        root.put("sentAt", sentAt.toString());
        if (remoteId != null) {
            root.put("remoteId", remoteId);
        }
        ObjectNode t = Json.mapper().valueToTree(ticket);
        t.remove("messages");
        root.set("ticket", t);
        root.set("message", Json.mapper().valueToTree(message));
        try {
            return Json.mapper().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a webhook delivery", e);
        }
    }

    /**
     * The same for every attempt at one outbox item, so the receiver can drop repeats: ticket and message id. A
     * message without an id (none should lack one) falls back to a digest of its JSON, which is as stable.
     */
    static String deliveryId(Ticket ticket, TicketMessage message) {
        String id = message.message().id();
        if (id == null || id.isBlank()) {
            id = digest(message);
        }
        return "ticket-" + ticket.id() + "-message-" + id;
    }

    private static String digest(TicketMessage message) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(message);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 32);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot derive a delivery id", e);
        }
    }
}
