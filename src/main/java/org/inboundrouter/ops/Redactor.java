package org.inboundrouter.ops;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text that leaves the daemon (health answers, failure reasons). Clients quote request URLs in
 * their errors, and some platforms put credentials there: the Telegram Bot API has the token in the path.
 */
final class Redactor {

    static final String MARK = "<secret>";
    /** Shorter values would cut ordinary words out of messages; no real credential is this short. */
    private static final int SHORTEST = 6;
    private static final Pattern URL_USERINFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{30,}");

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    void add(String... values) {
        for (String v : values) {
            if (v != null && v.length() >= SHORTEST) {
                secrets.add(v);
            }
        }
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MARK);
            }
        }
        out = URL_USERINFO.matcher(out).replaceAll(MARK + "@");
        return TELEGRAM_TOKEN.matcher(out).replaceAll(MARK);
    }

    /** The outermost exception and its root cause, in one line of at most 500 characters. */
    String describe(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = line(failure) + (root == failure ? "" : " <- " + line(root));
        text = redact(text);
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    private static String line(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("\\s+", " ").trim());
    }
}
