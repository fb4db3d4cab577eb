package org.inboundrouter.channel.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.inboundrouter.channel.webhook.WebhookRejected;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;

/**
 * Reads a Meta webhook body and its fields. Every problem becomes a 400 naming the field by its path in the payload
 * ({@code entry[0].changes[0].value.messages[1].id}), so whoever sent it can find it; values are never echoed.
 */
final class JsonBody {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {
    }

    static JsonNode parse(byte[] body) throws WebhookRejected {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw WebhookRejected.malformed("body", "not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw WebhookRejected.malformed("body", "not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw WebhookRejected.malformed("body", "the body must be a JSON object");
        }
        return root;
    }

    /** A required non-blank string (numbers accepted as their text: ids are sometimes sent as numbers). */
    static String text(JsonNode node, String path, String field) throws WebhookRejected {
        String value = optionalText(node, path, field);
        if (value == null || value.isBlank()) {
            throw WebhookRejected.malformed(join(path, field), "required field " + join(path, field) + " is missing");
        }
        return value;
    }

    static String optionalText(JsonNode node, String path, String field) throws WebhookRejected {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw WebhookRejected.malformed(join(path, field), join(path, field) + " must be a string");
        }
        return value.asText();
    }

    /** A required object. */
    static JsonNode object(JsonNode node, String path, String field) throws WebhookRejected {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw WebhookRejected.malformed(join(path, field), join(path, field) + " must be an object");
        }
        return value;
    }

    /** An optional object: null when absent, a 400 when present but not an object. */
    static JsonNode optionalObject(JsonNode node, String path, String field) throws WebhookRejected {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw WebhookRejected.malformed(join(path, field), join(path, field) + " must be an object");
        }
        return value;
    }

    /** The elements of an array, empty when absent; a 400 when present but not an array of objects. */
    static List<JsonNode> array(JsonNode node, String path, String field) throws WebhookRejected {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw WebhookRejected.malformed(join(path, field), join(path, field) + " must be an array");
        }
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                throw WebhookRejected.malformed(join(path, field) + "[" + i + "]",
                        join(path, field) + "[" + i + "] must be an object");
            }
            items.add(value.get(i));
        }
        return items;
    }

    /** A required array (the envelope's {@code entry}). */
    static List<JsonNode> requiredArray(JsonNode node, String path, String field) throws WebhookRejected {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw WebhookRejected.malformed(join(path, field), join(path, field) + " must be an array");
        }
        return array(node, path, field);
    }

    /** A Unix time in seconds or milliseconds; null when absent, a 400 when not a number. */
    static Instant time(JsonNode node, String path, String field, boolean millis) throws WebhookRejected {
        String value = optionalText(node, path, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            return millis ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw WebhookRejected.malformed(join(path, field), join(path, field) + " must be a Unix time");
        }
    }

    static String at(String path, String field, int index) {
        return join(path, field) + "[" + index + "]";
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
