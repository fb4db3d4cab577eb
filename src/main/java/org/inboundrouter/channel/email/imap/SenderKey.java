package org.inboundrouter.channel.email.imap;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The sender's address, read cheaply from the raw header block (no MIME parse): what decides a mail's lane. A mail
 * without a readable From gets the empty key; any key works, it only has to be the same for the same customer.
 */
final class SenderKey {

    private SenderKey() {
    }

    static String of(byte[] raw) {
        int line = 0;
        while (line < raw.length) {
            int end = lineEnd(raw, line);
            if (end == line || (end == line + 1 && raw[line] == '\r')) {
                return ""; // the blank line: end of the header block
            }
            if (end - line > 5 && startsWithFrom(raw, line)) {
                StringBuilder value = new StringBuilder(new String(raw, line + 5, end - line - 5,
                        StandardCharsets.ISO_8859_1));
                // folded continuation lines belong to the same header
                int next = end + 1;
                while (next < raw.length && (raw[next] == ' ' || raw[next] == '\t')) {
                    int nextEnd = lineEnd(raw, next);
                    value.append(new String(raw, next, nextEnd - next, StandardCharsets.ISO_8859_1));
                    next = nextEnd + 1;
                }
                return address(value.toString());
            }
            line = end + 1;
        }
        return "";
    }

    private static String address(String value) {
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        String address = open >= 0 && close > open ? value.substring(open + 1, close) : value;
        return address.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean startsWithFrom(byte[] raw, int at) {
        return (raw[at] | 0x20) == 'f' && (raw[at + 1] | 0x20) == 'r' && (raw[at + 2] | 0x20) == 'o'
                && (raw[at + 3] | 0x20) == 'm' && raw[at + 4] == ':';
    }

    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return raw.length;
    }
}
