package org.inboundrouter.channel.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.model.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Account Activity API delivery: {@code for_user_id} (the subscribed account, ours), the direct messages it
 * carries ({@code direct_message_events[]} of type {@code message_create}) and the {@code users} map that names the
 * accounts involved. Every other activity (posts, likes, follows, typing and read indicators) is counted, not parsed.
 * https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/account-activity-data-objects
 */
record AccountActivity(String forUserId, List<XDirectMessage> messages, Map<String, XUser> users,
        List<String> otherActivities) {

    private static final String EVENTS = "direct_message_events";

    /** Parses the body; a 400 naming the field when it is not the documented shape. */
    static AccountActivity parse(byte[] body) throws WebhookRejected {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw WebhookRejected.malformed("body", "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw WebhookRejected.malformed("body", "unreadable body");
        }
        if (root == null || !root.isObject()) {
            throw WebhookRejected.malformed("body", "an Account Activity delivery is a JSON object");
        }
        String forUserId = optionalId(root, "for_user_id", "for_user_id");
        List<XDirectMessage> messages = new ArrayList<>();
        JsonNode events = root.get(EVENTS);
        if (events != null && !events.isNull()) {
            if (!events.isArray()) {
                throw WebhookRejected.malformed(EVENTS, EVENTS + " must be an array");
            }
            for (int i = 0; i < events.size(); i++) {
                XDirectMessage dm = message(events.get(i), EVENTS + "[" + i + "]");
                if (dm != null) {
                    messages.add(dm);
                }
            }
        }
        List<String> others = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.endsWith("_events") && !name.equals(EVENTS)) {
                others.add(name);
            }
        }
        return new AccountActivity(forUserId, messages, users(root.get("users")), others);
    }

    /** A {@code message_create} event; null for the other DM event types. */
    private static XDirectMessage message(JsonNode event, String at) throws WebhookRejected {
        if (event == null || !event.isObject()) {
            throw WebhookRejected.malformed(at, at + " must be an object");
        }
        String type = text(event, "type");
        if (type == null) {
            throw WebhookRejected.malformed(at + ".type", at + ".type is missing");
        }
        if (!type.equals("message_create")) {
            return null;
        }
        String id = requiredId(event, "id", at + ".id");
        JsonNode create = event.get("message_create");
        if (create == null || !create.isObject()) {
            throw WebhookRejected.malformed(at + ".message_create", at + ".message_create is missing");
        }
        String sender = requiredId(create, "sender_id", at + ".message_create.sender_id");
        JsonNode target = create.get("target");
        if (target == null || !target.isObject()) {
            throw WebhookRejected.malformed(at + ".message_create.target", at + ".message_create.target is missing");
        }
        String recipient = requiredId(target, "recipient_id", at + ".message_create.target.recipient_id");
        JsonNode data = create.get("message_data");
        if (data == null || !data.isObject()) {
            throw WebhookRejected.malformed(at + ".message_create.message_data",
                    at + ".message_create.message_data is missing");
        }
        String text = text(data, "text");
        return new XDirectMessage(id, sender, recipient,
                unescape(expandLinks(text == null ? "" : text, data.path("entities"))),
                createdAt(event, at), media(data.path("attachment")), text(create, "source_app_id"));
    }

    /** X shortens every link to t.co in {@code text}; the agent needs the one the customer wrote. */
    private static String expandLinks(String text, JsonNode entities) {
        String expanded = text;
        for (JsonNode url : entities.path("urls")) {
            String shortUrl = text(url, "url");
            String longUrl = text(url, "expanded_url");
            if (shortUrl != null && longUrl != null) {
                expanded = expanded.replace(shortUrl, longUrl);
            }
        }
        return expanded;
    }

    /**
     * X escapes {@code & < >} in message text as it does in posts; twitter4j undoes it for the DM list, so the webhook
     * does the same and both kinds store what the customer typed.
     */
    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static List<String> media(JsonNode attachment) {
        String url = text(attachment.path("media"), "media_url_https");
        return url == null ? List.of() : List.of(url);
    }

    private static Instant createdAt(JsonNode event, String at) throws WebhookRejected {
        String millis = text(event, "created_timestamp");
        if (millis == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis));
        } catch (NumberFormatException e) {
            throw WebhookRejected.malformed(at + ".created_timestamp", at
                    + ".created_timestamp must be milliseconds since the epoch");
        }
    }

    private static Map<String, XUser> users(JsonNode users) {
        Map<String, XUser> byId = new LinkedHashMap<>();
        if (users == null || !users.isObject()) {
            return byId;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> user = it.next();
            if (XUserIds.valid(user.getKey()) && user.getValue().isObject()) {
                byId.put(user.getKey(), new XUser(user.getKey(), text(user.getValue(), "name"),
                        text(user.getValue(), "screen_name")));
            }
        }
        return byId;
    }

    private static String requiredId(JsonNode node, String name, String field) throws WebhookRejected {
        String id = optionalId(node, name, field);
        if (id == null) {
            throw WebhookRejected.malformed(field, field + " is missing");
        }
        return id;
    }

    /** Ids are strings in X's JSON; a bare number is accepted too (it is how older payloads and some relays write them). */
    private static String optionalId(JsonNode node, String name, String field) throws WebhookRejected {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        String id = value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.isTextual() ? value.asText() : null;
        if (!XUserIds.valid(id)) {
            throw WebhookRejected.malformed(field, field + " must be a numeric X id");
        }
        return id;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }
}
