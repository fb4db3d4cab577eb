package org.inboundrouter.channel.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.model.Json;

/** Reading a JSON webhook body: a parse failure or a missing field becomes a 400 naming the field. */
public final class JsonBody {

    private JsonBody() {
    }

    public static JsonNode parse(byte[] body) throws WebhookRejected {
        if (body.length == 0) {
            throw WebhookRejected.malformed(null, "empty body; expected a JSON document");
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw WebhookRejected.malformed(null, "not valid JSON" + (at == null ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (java.io.IOException e) {
            throw WebhookRejected.malformed(null, "unreadable JSON body");
        }
    }

    /** A required text field of {@code node}; {@code path} names it in the error (e.g. {@code messages[0].from}). */
    public static String text(JsonNode node, String field, String path) throws WebhookRejected {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank()) {
            throw WebhookRejected.malformed(path, "required field " + path + " is missing or not a string");
        }
        return value.asText();
    }

    /** An optional text field; null when absent or null. */
    public static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
