package org.inboundrouter.channel.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body, decoded as UTF-8, every pair kept in order (repeats too). */
public record FormBody(List<Map.Entry<String, String>> pairs) {

    public static FormBody parse(byte[] body) throws WebhookRejected {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return new FormBody(pairs);
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                pairs.add(Map.entry(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw WebhookRejected.malformed(safeName(key), "broken %-escape in form field");
            }
        }
        return new FormBody(pairs);
    }

    /** The first value of {@code name}, null when absent. */
    public String get(String name) {
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getKey().equals(name)) {
                return pair.getValue();
            }
        }
        return null;
    }

    /** The first name that occurs more than once, null when every name is unique. */
    public String firstRepeated() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<String, String> pair : pairs) {
            if (!seen.add(pair.getKey())) {
                return pair.getKey();
            }
        }
        return null;
    }

    /** A 400 when a name occurs more than once (which value counts would be ambiguous), naming it. */
    public FormBody requireUniqueNames() throws WebhookRejected {
        String repeated = firstRepeated();
        if (repeated != null) {
            throw WebhookRejected.malformed(safeName(repeated), "form field " + safeName(repeated)
                    + " is repeated; each field may occur once");
        }
        return this;
    }

    /** A required non-blank field; a 400 naming it otherwise. */
    public String required(String name) throws WebhookRejected {
        String value = get(name);
        if (value == null || value.isBlank()) {
            throw WebhookRejected.malformed(name, "required form field " + name + " is missing");
        }
        return value;
    }

    private static String safeName(String key) {
        return key.length() > 40 ? key.substring(0, 40) : key;
    }
}
