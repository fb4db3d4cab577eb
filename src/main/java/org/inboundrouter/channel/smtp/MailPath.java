package org.inboundrouter.channel.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of MAIL and RCPT: {@code FROM:<path> params} or {@code TO:<path> params} (RFC 5321 §4.1.1.2-3).
 * Read leniently where MTAs differ harmlessly (a space after the colon, a path without angle brackets, a source
 * route), strictly where it matters (a path must be one address; parameters are keyword[=value]).
 *
 * @param address the address without angle brackets or source route; empty for the null reverse-path {@code <>}
 * @param params  the ESMTP parameters, keywords upper-cased
 */
record MailPath(String address, Map<String, String> params) {

    /** RFC 5321 §4.5.3.1.3 */
    static final int MAX_PATH = 256;

    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** @param keyword {@code FROM} or {@code TO} */
    static MailPath parse(String argument, String keyword) throws Invalid {
        String a = argument.stripLeading();
        if (a.length() < keyword.length() + 1
                || !a.substring(0, keyword.length() + 1).equalsIgnoreCase(keyword + ":")) {
            throw new Invalid("syntax: " + keyword + ":<address>");
        }
        a = a.substring(keyword.length() + 1).stripLeading();
        String path;
        String rest;
        if (a.startsWith("<")) {
            int end = closingBracket(a);
            if (end < 0) {
                throw new Invalid("no closing > in the path");
            }
            path = a.substring(1, end);
            rest = a.substring(end + 1);
        } else {
            int space = a.indexOf(' ');
            path = space < 0 ? a : a.substring(0, space);
            rest = space < 0 ? "" : a.substring(space);
        }
        if (!rest.isEmpty() && !rest.startsWith(" ")) {
            throw new Invalid("a space must follow the path");
        }
        if (path.startsWith("@")) {
            // a source route (@relay1,@relay2:user@domain): RFC 5321 §3.3 says to ignore it
            int colon = path.indexOf(':');
            if (colon < 0) {
                throw new Invalid("source route without a mailbox");
            }
            path = path.substring(colon + 1);
        }
        if (path.length() > MAX_PATH) {
            throw new Invalid("path longer than " + MAX_PATH + " characters");
        }
        if (!path.isEmpty() && !plausibleMailbox(path)) {
            throw new Invalid("not an address: " + path);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : rest.trim().split(" +")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            if (!key.matches("[A-Z0-9][A-Z0-9-]*")) {
                throw new Invalid("malformed parameter " + p);
            }
            params.put(key, eq < 0 ? null : p.substring(eq + 1));
        }
        return new MailPath(path, params);
    }

    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** local@domain with a non-empty domain, and no control characters or unquoted spaces. */
    private static boolean plausibleMailbox(String path) {
        int at = path.lastIndexOf('@');
        if (at <= 0 || at == path.length() - 1) {
            return false;
        }
        boolean quoted = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                return false;
            }
        }
        return !path.substring(at + 1).contains(" ");
    }
}
