package org.inboundrouter.channel.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message-IDs out of Message-ID, In-Reply-To and References headers, without their angle brackets. */
final class MessageIds {

    private static final Pattern BRACKETED = Pattern.compile("<\\s*([^<>\\s]+?)\\s*>");
    private static final Pattern LOOSE = Pattern.compile("[^\\s,;<>()\"]+@[^\\s,;<>()\"]+");

    private MessageIds() {
    }

    /**
     * Every id in order. Bracketed ids are found whatever separates them (comma, whitespace, nothing); without
     * brackets, tokens with an '@' count; other garbage is skipped.
     */
    static List<String> all(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        String text = value.replaceAll("\\([^()]*\\)", " "); // comments
        Matcher m = BRACKETED.matcher(text);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            Matcher loose = LOOSE.matcher(text);
            while (loose.find()) {
                ids.add(loose.group());
            }
        }
        return ids;
    }

    static String first(String value) {
        List<String> ids = all(value);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** A Message-ID header's id: the bracketed id, else the trimmed value; null when blank. */
    static String single(String value) {
        if (value == null) {
            return null;
        }
        String id = first(value);
        if (id == null) {
            id = value.trim().replaceAll("^<|>$", "").trim();
        }
        return id.isEmpty() ? null : id;
    }
}
