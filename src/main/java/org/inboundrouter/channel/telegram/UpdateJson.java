package org.inboundrouter.channel.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.model.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a Bot API {@code Update} (https://core.telegram.org/bots/api#update) from the bytes Telegram posted. Fields the
 * desk relies on are checked and a missing or mistyped one is a 400 naming it by its JSON path
 * ({@code message.chat.id}); fields it does not use are not looked at, so new Bot API fields never break intake.
 */
final class UpdateJson {

    /** Message fields that carry a file, in the order they are looked for; a message carries at most one. */
    private static final List<String> MEDIA = List.of("photo", "document", "video", "voice", "audio", "video_note",
            "animation", "sticker");

    private UpdateJson() {
    }

    static TelegramUpdate parse(byte[] body) throws WebhookRejected {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw WebhookRejected.malformed("body", "not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw WebhookRejected.malformed("body", "unreadable body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw WebhookRejected.malformed("body", "a Telegram Update is a JSON object");
        }
        long updateId = requiredLong(root, "update_id", "update_id");
        String field = updateField(root);
        JsonNode message = root.get(field);
        if (TelegramUpdate.MESSAGE.equals(field) || TelegramUpdate.EDITED_MESSAGE.equals(field)) {
            return new TelegramUpdate(updateId, field, message(message, field));
        }
        return new TelegramUpdate(updateId, field, null);
    }

    /** The Update's one optional field besides update_id ("At most one of the optional parameters can be present"). */
    private static String updateField(JsonNode root) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("update_id")) {
                return name;
            }
        }
        return "nothing";
    }

    private static TelegramChatMessage message(JsonNode node, String path) throws WebhookRejected {
        if (!node.isObject()) {
            throw WebhookRejected.malformed(path, path + " must be a Message object");
        }
        long messageId = requiredLong(node, "message_id", path);
        Instant date = Instant.ofEpochSecond(requiredLong(node, "date", path));
        Instant editDate = node.has("edit_date") ? Instant.ofEpochSecond(requiredLong(node, "edit_date", path)) : null;
        JsonNode chat = requiredObject(node, "chat", path);
        long chatId = requiredLong(chat, "id", path + ".chat");
        String chatType = requiredText(chat, "type", path + ".chat");
        TelegramUser from = node.has("from") ? user(requiredObject(node, "from", path), path + ".from") : null;
        return new TelegramChatMessage(messageId, Long.toString(chatId), chatType, from, date, editDate,
                optionalText(node, "text", path), optionalText(node, "caption", path), media(node, path));
    }

    private static TelegramUser user(JsonNode node, String path) throws WebhookRejected {
        long id = requiredLong(node, "id", path);
        JsonNode isBot = node.get("is_bot");
        if (isBot != null && !isBot.isBoolean()) {
            throw WebhookRejected.malformed(path + ".is_bot", path + ".is_bot must be true or false");
        }
        return new TelegramUser(id, isBot != null && isBot.asBoolean(), optionalText(node, "first_name", path),
                optionalText(node, "last_name", path), optionalText(node, "username", path),
                optionalText(node, "language_code", path));
    }

    private static TelegramMedia media(JsonNode message, String path) throws WebhookRejected {
        for (String type : MEDIA) {
            JsonNode file = message.get(type);
            if (file == null || file.isNull()) {
                continue;
            }
            String where = path + "." + type;
            if (type.equals("photo")) {
                // the sizes Telegram generated, smallest first; the agent wants the largest
                if (!file.isArray() || file.isEmpty()) {
                    throw WebhookRejected.malformed(where, where + " must be a non-empty array of PhotoSize");
                }
                where = where + "[" + (file.size() - 1) + "]";
                file = file.get(file.size() - 1);
            }
            if (!file.isObject()) {
                throw WebhookRejected.malformed(where, where + " must be an object");
            }
            return new TelegramMedia(type, requiredText(file, "file_id", where), optionalText(file, "file_name", where),
                    optionalText(file, "mime_type", where), optionalLong(file, "file_size"),
                    optionalInt(file, "width"), optionalInt(file, "height"), optionalInt(file, "duration"));
        }
        return null;
    }

    private static long requiredLong(JsonNode node, String name, String path) throws WebhookRejected {
        JsonNode value = node.get(name);
        String where = path.equals(name) ? name : path + "." + name;
        if (value == null || value.isNull()) {
            throw WebhookRejected.malformed(where, "required field " + where + " is missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw WebhookRejected.malformed(where, where + " must be an integer");
        }
        return value.longValue();
    }

    private static String requiredText(JsonNode node, String name, String path) throws WebhookRejected {
        JsonNode value = node.get(name);
        String where = path + "." + name;
        if (value == null || value.isNull()) {
            throw WebhookRejected.malformed(where, "required field " + where + " is missing");
        }
        if (!value.isTextual()) {
            throw WebhookRejected.malformed(where, where + " must be a string");
        }
        return value.textValue();
    }

    private static JsonNode requiredObject(JsonNode node, String name, String path) throws WebhookRejected {
        JsonNode value = node.get(name);
        String where = path + "." + name;
        if (value == null || value.isNull()) {
            throw WebhookRejected.malformed(where, "required field " + where + " is missing");
        }
        if (!value.isObject()) {
            throw WebhookRejected.malformed(where, where + " must be an object");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String name, String path) throws WebhookRejected {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw WebhookRejected.malformed(path + "." + name, path + "." + name + " must be a string");
        }
        return value.textValue();
    }

    private static Long optionalLong(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isIntegralNumber() ? value.longValue() : null;
    }

    private static Integer optionalInt(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.canConvertToInt() && value.isIntegralNumber() ? value.intValue() : null;
    }
}
