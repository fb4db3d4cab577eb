package org.inboundrouter.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Party;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of a Messenger ({@code object: page}) or Instagram ({@code object: instagram}) delivery: both put
 * {@code entry[].messaging[]} events with {@code sender.id}, {@code recipient.id}, a millisecond {@code timestamp}
 * and a {@code message} ({@code mid}, {@code text}, {@code attachments}). Events without a message (deliveries,
 * reads, postbacks, reactions), echoes of what the page itself sent ({@code is_echo}) and unsent messages
 * ({@code is_deleted}) are skipped, as are {@code standby} events, which belong to the app in control of the thread.
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
 */
final class MessengerMessages {

    /** Messenger: page-scoped ids with {@code fb:}; Instagram: Instagram-scoped ids with {@code ig:}. */
    enum Product {
        MESSENGER(ChannelRef.MESSENGER, "fb:"), INSTAGRAM(ChannelRef.INSTAGRAM, "ig:");

        final String kind;
        final String idPrefix;

        Product(String kind, String idPrefix) {
            this.kind = kind;
            this.idPrefix = idPrefix;
        }
    }

    private MessengerMessages() {
    }

    static List<Intake> read(Product product, JsonNode root, byte[] raw, String channelName, Instant receivedAt)
            throws WebhookRejected {
        ChannelRef channel = new ChannelRef(product.kind, channelName);
        List<Intake> intakes = new ArrayList<>();
        List<JsonNode> entries = JsonBody.requiredArray(root, "", "entry");
        for (int e = 0; e < entries.size(); e++) {
            String entryPath = JsonBody.at("", "entry", e);
            List<JsonNode> events = JsonBody.array(entries.get(e), entryPath, "messaging");
            for (int i = 0; i < events.size(); i++) {
                Intake intake = message(product, channel, raw, receivedAt, events.get(i),
                        JsonBody.at(entryPath, "messaging", i));
                if (intake != null) {
                    intakes.add(intake);
                }
            }
        }
        return intakes;
    }

    private static Intake message(Product product, ChannelRef channel, byte[] raw, Instant receivedAt, JsonNode event,
            String path) throws WebhookRejected {
        JsonNode message = JsonBody.optionalObject(event, path, "message");
        if (message == null || message.path("is_echo").asBoolean(false)
                || message.path("is_deleted").asBoolean(false)) {
            return null;
        }
        String messagePath = path + ".message";
        String mid = JsonBody.text(message, messagePath, "mid");
        String senderId = JsonBody.text(JsonBody.object(event, path, "sender"), path + ".sender", "id");
        JsonNode recipient = JsonBody.optionalObject(event, path, "recipient");
        String recipientId = recipient == null ? null : JsonBody.optionalText(recipient, path + ".recipient", "id");
        String sender = product.idPrefix + senderId;
        ChatIntake intake = ChatIntake.from(channel, raw)
                .dedupKey(product.kind + ":" + mid).externalId(mid)
                .sender(Party.of(sender))
                .recipient(recipientId == null ? null : Party.of(product.idPrefix + recipientId))
                .sentAt(JsonBody.time(event, path, "timestamp", true))
                .receivedAt(receivedAt)
                .threadKey(recipientId == null ? sender : product.idPrefix + recipientId + ":" + senderId);
        JsonNode replyTo = JsonBody.optionalObject(message, messagePath, "reply_to");
        if (replyTo != null) {
            intake.header("reply-to", JsonBody.optionalText(replyTo, messagePath + ".reply_to", "mid"));
        }
        JsonNode quickReply = JsonBody.optionalObject(message, messagePath, "quick_reply");
        if (quickReply != null) {
            intake.header("quick-reply-payload",
                    JsonBody.optionalText(quickReply, messagePath + ".quick_reply", "payload"));
        }
        List<JsonNode> attachments = JsonBody.array(message, messagePath, "attachments");
        for (int a = 0; a < attachments.size(); a++) {
            // the files stay at Meta's CDN (the links expire): the agent gets the type and the link
            JsonNode attachment = attachments.get(a);
            String type = attachment.path("type").asText("unknown");
            String url = attachment.path("payload").path("url").asText("");
            intake.header("attachment-" + a, url.isEmpty() ? type : type + " " + url);
        }
        if (message.path("is_unsupported").asBoolean(false)) {
            intake.warning(product.kind + " message " + mid + " is of a type the API does not deliver");
        }
        String text = JsonBody.optionalText(message, messagePath, "text");
        return intake.text(text == null ? "" : text).build();
    }
}
