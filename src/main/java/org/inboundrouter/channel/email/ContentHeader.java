package org.inboundrouter.channel.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Content-Type or Content-Disposition header: its value (lower case) and its parameters (lower-case names,
 * decoded values).
 * <p>
 * Parsed by hand rather than with {@code jakarta.mail.internet.ContentType}, which throws on the broken parameter
 * lists real mail carries (unquoted spaces, missing closing quotes, stray '='), and whose RFC 2231 decoding knows
 * neither the GB2312-means-GBK rule nor encoded words inside quoted filenames.
 */
record ContentHeader(String value, Map<String, String> params) {

    static final ContentHeader EMPTY = new ContentHeader("", Map.of());

    String param(String name) {
        return params.get(name);
    }

    ContentHeader with(String name, String paramValue) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put(name, paramValue);
        return new ContentHeader(value, copy);
    }

    /** The type/subtype, or {@code fallback} when the value is not a plausible media type. */
    String mediaType(String fallback) {
        return value.matches("[a-z0-9][a-z0-9!#$&.+^_-]*/[a-z0-9][a-z0-9!#$&.+^_-]*") ? value : fallback;
    }

    /**
     * Parses an unfolded header value; never throws. Raw 8-bit bytes are recovered first: a GBK trail byte in a
     * raw filename can be a backslash. {@code where} names the header for warnings.
     */
    static ContentHeader parse(String raw, String where, List<String> warnings) {
        return parse(raw, null, where, warnings);
    }

    /** As {@link #parse(String, String, List)}, with the mail's charset hint for raw 8-bit bytes. */
    static ContentHeader parse(String raw, EncodedWords.Hint hint, String where, List<String> warnings) {
        if (raw == null || raw.isBlank()) {
            return EMPTY;
        }
        // the value ends at ';' or, when the ';' is missing ("application/pdf name=x.pdf"), at whitespace
        String s = EncodedWords.recoverEightBit(raw.strip(), hint, where, warnings);
        int valueEnd = 0;
        while (valueEnd < s.length() && s.charAt(valueEnd) != ';' && !Character.isWhitespace(s.charAt(valueEnd))) {
            valueEnd++;
        }
        String value = s.substring(0, valueEnd).toLowerCase(Locale.ROOT).replace("\"", "");
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, Section>> extended = new HashMap<>();
        int i = valueEnd;
        int n = s.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ';')) {
                i++;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';') {
                i++;
            }
            String name = s.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            if (i >= n || s.charAt(i) == ';') {
                continue; // a bare word where a parameter belongs: ignore it
            }
            i++; // '='
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            String paramValue;
            boolean quoted = i < n && s.charAt(i) == '"';
            if (quoted && s.indexOf('"', i + 1) >= 0) {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char c = s.charAt(i);
                    // RFC 5322 quoted-pair, but only before '"' and '\': Windows clients quote a path without
                    // escaping it ("C:\Users\li\bill.pdf"), and dropping each '\' would glue the path together
                    if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                        c = s.charAt(++i);
                    }
                    sb.append(c);
                    i++;
                }
                i++; // closing quote
                // anything between the closing quote and the next ';' is garbage
                while (i < n && s.charAt(i) != ';') {
                    i++;
                }
                paramValue = sb.toString();
            } else {
                int start = quoted ? i + 1 : i;
                int end = s.indexOf(';', start);
                end = end < 0 ? n : end;
                paramValue = s.substring(start, end).trim();
                i = end;
            }
            if (name.isEmpty()) {
                continue;
            }
            int star = name.indexOf('*');
            if (star < 0) {
                plain.putIfAbsent(name, paramValue);
                continue;
            }
            String base = name.substring(0, star);
            String rest = name.substring(star + 1);
            boolean encoded = rest.endsWith("*") || rest.isEmpty();
            String number = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
            int section;
            try {
                section = number.isEmpty() ? 0 : Integer.parseInt(number);
            } catch (NumberFormatException e) {
                warnings.add(where + ": odd parameter name \"" + name + "\" ignored");
                continue;
            }
            extended.computeIfAbsent(base, k -> new TreeMap<>()).putIfAbsent(section, new Section(paramValue, encoded));
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : plain.entrySet()) {
            params.put(e.getKey(), EncodedWords.decodeWords(e.getValue(), where + " parameter " + e.getKey(),
                    warnings));
        }
        for (Map.Entry<String, TreeMap<Integer, Section>> e : extended.entrySet()) {
            params.put(e.getKey(), joinRfc2231(e.getValue(), where + " parameter " + e.getKey(), warnings));
        }
        return new ContentHeader(value, params);
    }

    private record Section(String value, boolean encoded) {
    }

    /** RFC 2231: sections joined in order; encoded ones are charset'language'percent-encoded bytes. */
    private static String joinRfc2231(TreeMap<Integer, Section> sections, String where, List<String> warnings) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        boolean anyEncoded = false;
        for (Section section : sections.values()) {
            String v = section.value();
            if (section.encoded()) {
                anyEncoded = true;
                if (first) {
                    int q1 = v.indexOf('\'');
                    int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                    if (q2 >= 0) {
                        charset = v.substring(0, q1);
                        v = v.substring(q2 + 1);
                    }
                }
                percentDecode(v, bytes, true);
            } else {
                percentDecode(v, bytes, false);
            }
            first = false;
        }
        byte[] raw = bytes.toByteArray();
        if (!anyEncoded) {
            return EncodedWords.decodeWords(new String(raw, StandardCharsets.UTF_8), where, warnings);
        }
        return MailCharsets.decodeLabelled(raw, charset == null || charset.isBlank() ? null : charset, where,
                warnings);
    }

    private static void percentDecode(String v, ByteArrayOutputStream out, boolean percent) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (percent && c == '%' && hex(v, i + 1) >= 0) {
                out.write(hex(v, i + 1));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static int hex(String v, int at) {
        if (at + 1 >= v.length()) {
            return -1;
        }
        int hi = Character.digit(v.charAt(at), 16);
        int lo = Character.digit(v.charAt(at + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
}
