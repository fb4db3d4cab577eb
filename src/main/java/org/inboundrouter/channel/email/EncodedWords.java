package org.inboundrouter.channel.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient RFC 2047 decoding of header text, written for the malformed headers real mailers send.
 * <p>
 * {@code MimeUtility.decodeText} decodes each encoded word on its own, so a multibyte character split across two
 * words (a common bug in Chinese mailers) turns into two replacement characters; it also gives up on words without
 * whitespace around them and on raw 8-bit header bytes. Here adjacent words of the same charset are joined at the
 * byte level before decoding, words are found anywhere (also without the closing {@code ?=} at the end of the
 * header), and raw 8-bit bytes are recovered and decoded as UTF-8 or a guessed Chinese charset.
 */
final class EncodedWords {

    // The closing "?=" may be missing at the very end of a header, or before whitespace.
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)(?:\\?=|(?=\\s)|$)");

    private EncodedWords() {
    }

    /** Decodes a header value (already unfolded). {@code where} names the header for warnings. */
    static String decode(String value, String where, List<String> warnings) {
        return decode(value, null, where, warnings);
    }

    /** As {@link #decode(String, String, List)}, with the mail's charset hint for raw 8-bit bytes. */
    static String decode(String value, Hint hint, String where, List<String> warnings) {
        return value == null ? null : decodeWords(recoverEightBit(value, hint, where, warnings), where, warnings);
    }

    /** Decodes the encoded words in text whose raw 8-bit bytes have already been recovered. */
    static String decodeWords(String text, String where, List<String> warnings) {
        if (text == null || !text.contains("=?")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = WORD.matcher(text);
        int last = 0;
        String pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (m.find()) {
            String between = text.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            if (!adjacent) {
                flush(out, pending, pendingCharset, where, warnings);
                pendingCharset = null;
                out.append(between);
            }
            String label = m.group(1);
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? decodeB(m.group(3)) : decodeQ(m.group(3));
            String key = label.toLowerCase(Locale.ROOT);
            // joining the bytes of adjacent words keeps a character that was split between them whole
            if (pendingCharset != null && !pendingCharset.equals(key)) {
                flush(out, pending, pendingCharset, where, warnings);
            }
            pendingCharset = key;
            pending.writeBytes(bytes);
            last = m.end();
        }
        flush(out, pending, pendingCharset, where, warnings);
        out.append(text, last, text.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String label, String where,
            List<String> warnings) {
        if (label == null) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        pending.reset();
        out.append(MailCharsets.decodeLabelled(bytes, label, where, warnings));
    }

    /**
     * Angus reads header bytes as ISO-8859-1, so raw UTF-8 (RFC 6532) or GBK header bytes arrive as one char per
     * byte; turn them back into bytes and decode them properly.
     */
    static String recoverEightBit(String value, String where, List<String> warnings) {
        return recoverEightBit(value, null, where, warnings);
    }

    /**
     * The charset for a mail's raw 8-bit header bytes, from more evidence than one header holds: a charset the
     * mail declares (its body's, usually: the mailer that wrote raw GBK headers labels its GBK body) in which all of
     * them are valid, else a Chinese charset recognised in all of them together. Null when neither: each header
     * is then judged alone. {@code rawHeaders}: the header values as Angus gives them, one char per byte.
     */
    static Hint headerHint(List<String> rawHeaders, List<String> declaredLabels) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (String v : rawHeaders) {
            if (isEightBitLatin1(v)) {
                all.writeBytes(v.getBytes(StandardCharsets.ISO_8859_1));
                all.write('\n');
            }
        }
        byte[] bytes = all.toByteArray();
        if (bytes.length == 0 || MailCharsets.isValid(bytes, StandardCharsets.UTF_8)
                || MailCharsets.nearlyUtf8(bytes)) {
            return null; // UTF-8 (RFC 6532), perhaps with a damaged byte: no other charset reads it better
        }
        for (String label : declaredLabels) {
            Charset cs = MailCharsets.resolve(label);
            if (cs != null && !cs.equals(StandardCharsets.UTF_8) && !cs.equals(StandardCharsets.US_ASCII)
                    && !MailCharsets.isAsciiLabel(label) && MailCharsets.isValid(bytes, cs)) {
                return new Hint(cs, true);
            }
        }
        Charset chinese = MailCharsets.guessChinese(bytes);
        return chinese == null ? null : new Hint(chinese, false);
    }

    /** A charset for raw header bytes; {@code declared}: the mail declares it (else it was recognised). */
    record Hint(Charset charset, boolean declared) {
    }

    private static boolean isEightBitLatin1(String value) {
        boolean eightBit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return false;
            }
            eightBit |= c >= 0x80;
        }
        return eightBit;
    }

    /** As {@link #recoverEightBit(String, String, List)}, preferring the mail's {@code hint} when the bytes fit. */
    static String recoverEightBit(String value, Hint hint, String where, List<String> warnings) {
        if (!isEightBitLatin1(value)) {
            return value; // ASCII, or already real Unicode
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        if (MailCharsets.isValid(bytes, StandardCharsets.UTF_8)) {
            return MailCharsets.decode(bytes, StandardCharsets.UTF_8);
        }
        if (hint != null && MailCharsets.isValid(bytes, hint.charset())) {
            warnings.add(where + ": raw 8-bit bytes, decoded as " + hint.charset().name()
                    + (hint.declared() ? " (the charset the mail declares)" : ""));
            return MailCharsets.decode(bytes, hint.charset());
        }
        Charset charset = MailCharsets.guess(bytes);
        if (charset.equals(StandardCharsets.UTF_8)) {
            warnings.add(where + ": raw 8-bit bytes, invalid UTF-8 bytes replaced");
        } else {
            warnings.add(where + ": raw 8-bit bytes, decoded as " + charset.name());
        }
        return MailCharsets.decode(bytes, charset);
    }

    static byte[] decodeB(String encoded) {
        StringBuilder clean = new StringBuilder(encoded.length() + 3);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
                clean.append(c);
            } else if (c == '=') {
                break;
            }
        }
        if (clean.length() % 4 == 1) {
            clean.setLength(clean.length() - 1);
        }
        while (clean.length() % 4 != 0) {
            clean.append('=');
        }
        try {
            return Base64.getDecoder().decode(clean.toString());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static byte[] decodeQ(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < encoded.length() && isHex(encoded.charAt(i + 1))
                    && isHex(encoded.charAt(i + 2))) {
                out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c <= 0xFF) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
