package org.inboundrouter.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request to {@code /webhooks/{channel}}, exactly as it arrived: signatures are computed over {@link #body()},
 * never over a re-encoded form of it.
 *
 * @param method      GET or POST
 * @param url         the URL the request was made to as the daemon saw it (behind a proxy it differs from the public one)
 * @param rawQuery    the query string undecoded, null when there was none
 * @param query       the query parameters, decoded (first value of each)
 * @param headers     the headers, names in lower case (first value of each)
 * @param body        the body bytes, empty for GET
 * @param receivedAt  when the daemon received it
 */
public record WebhookRequest(String method, String url, String rawQuery, Map<String, String> query,
        Map<String, String> headers, byte[] body, Instant receivedAt) {

    public WebhookRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String query(String name) {
        return query.get(name);
    }

    public boolean isGet() {
        return method.equalsIgnoreCase("GET");
    }

    public boolean isPost() {
        return method.equalsIgnoreCase("POST");
    }

    /** The media type without parameters, lower case; null when the request named none. */
    public String mediaType() {
        String type = header("content-type");
        if (type == null) {
            return null;
        }
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
