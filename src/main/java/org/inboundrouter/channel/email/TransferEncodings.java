package org.inboundrouter.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Undoes a part's Content-Transfer-Encoding, leniently.
 * <p>
 * Angus's base64 and uuencode decoders read their "ignore errors" switches from system properties, not from the
 * Session, and throw on the damaged base64 real mail carries; base64 and quoted-printable are decoded here instead,
 * keeping every byte that can be recovered. The header value itself is often sloppy ("Base64;", "7-bit",
 * "quoted-printable ") and is normalized first.
 */
final class TransferEncodings {

    private TransferEncodings() {
    }

    /** Reads {@code raw} to the end and decodes it; unknown encodings are passed through with a warning. */
    static byte[] decode(InputStream raw, String header, String where, List<String> warnings) throws IOException {
        String cte = normalize(header);
        byte[] bytes = raw.readAllBytes();
        switch (cte) {
            case "base64":
                if (!looksLikeBase64(bytes)) {
                    // mailers that label plain text base64 exist; decoding it would only produce garbage
                    warnings.add(where + ": Content-Transfer-Encoding base64 but the content is not base64, kept"
                            + " undecoded");
                    return bytes;
                }
                return base64(bytes, where, warnings);
            case "quoted-printable":
                return quotedPrintable(bytes);
            case "uuencode":
                try {
                    return MimeUtility.decode(new ByteArrayInputStream(bytes), "uuencode").readAllBytes();
                } catch (IOException | MessagingException e) {
                    warnings.add(where + ": broken uuencode (" + e.getMessage() + "), kept undecoded");
                    return bytes;
                }
            case "7bit", "8bit", "binary":
                return bytes;
            default:
                warnings.add(where + ": unknown Content-Transfer-Encoding \"" + header.trim() + "\", kept undecoded");
                return bytes;
        }
    }

    static String normalize(String header) {
        if (header == null) {
            return "7bit";
        }
        // "Base64;", "quoted printable", "7-bit", "x-uuencode"
        String t = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
        return switch (t) {
            case "base64" -> "base64";
            case "quotedprintable", "qp" -> "quoted-printable";
            case "xuuencode", "xuue", "uue", "uuencode" -> "uuencode";
            case "7bit", "7bits", "plain", "text", "ascii", "usascii", "" -> "7bit";
            case "8bit", "8bits" -> "8bit";
            case "binary" -> "binary";
            default -> t;
        };
    }

    /**
     * Whether the content plausibly is base64: a few stray characters are damage, but more than 1 in 20 that are
     * neither base64 nor line breaks (spaces count against it) means plain text under a wrong label.
     */
    static boolean looksLikeBase64(byte[] in) {
        int foreign = 0;
        int total = 0;
        for (byte b : in) {
            if (b == '\r' || b == '\n') {
                continue;
            }
            total++;
            if (value(b) < 0 && b != '=') {
                foreign++;
            }
        }
        return foreign <= 3 || foreign * 20 <= total;
    }

    /** Skips what is not base64; '=' ends a group, so separately encoded chunks joined together still decode. */
    static byte[] base64(byte[] in) {
        return base64(in, null, null);
    }

    /**
     * As {@link #base64(byte[])}, but after the padding that ends the data, the rest is decoded only when it is
     * another base64 chunk (whole lines of base64 characters, a multiple of 4 of them); otherwise it is text a relay
     * or signature tool appended ("--", a name) and is ignored, with a warning, rather than decoded into a few
     * bytes of garbage.
     */
    static byte[] base64(byte[] in, String where, List<String> warnings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4 + 3);
        int acc = 0;
        int bits = 0;
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            int v = value(b);
            if (v >= 0) {
                acc = (acc << 6) | v;
                bits += 6;
                if (bits >= 8) {
                    bits -= 8;
                    out.write((acc >> bits) & 0xFF);
                }
            } else if (b == '=') {
                acc = 0;
                bits = 0;
                int rest = i + 1;
                while (rest < in.length && (in[rest] == '=' || in[rest] == '\r' || in[rest] == '\n'
                        || in[rest] == ' ' || in[rest] == '\t')) {
                    rest++;
                }
                if (rest < in.length && !isBase64Chunk(in, rest)) {
                    if (warnings != null) {
                        warnings.add(where + ": " + (in.length - rest) + " bytes after the base64 padding ignored");
                    }
                    break;
                }
                i = rest - 1;
            }
        }
        return out.toByteArray();
    }

    /** Whether {@code in[from..]} is whole lines of base64 (a multiple of 4 characters in all, '=' padding only). */
    private static boolean isBase64Chunk(byte[] in, int from) {
        int chars = 0;
        for (int i = from; i < in.length; i++) {
            byte b = in[i];
            if (value(b) >= 0 || b == '=') {
                chars++;
            } else if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return chars % 4 == 0;
    }

    /** The value of a base64 character (RFC 4648 table 1), -1 for any other byte; UTF-7 uses the same alphabet. */
    static int value(int b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        return b == '+' ? 62 : b == '/' ? 63 : -1;
    }

    /** RFC 2045 6.7; an '=' not followed by two hex digits or a line break stays as it is. */
    static byte[] quotedPrintable(byte[] in) {
        byte[] out = new byte[in.length];
        int len = 0;
        int lineStart = 0;
        int n = in.length;
        for (int i = 0; i < n; i++) {
            byte b = in[i];
            if (b == '\r' || b == '\n') {
                // blanks at the end of an encoded line were added in transport
                while (len > lineStart && (out[len - 1] == ' ' || out[len - 1] == '\t')) {
                    len--;
                }
                out[len++] = b;
                lineStart = len;
            } else if (b != '=') {
                out[len++] = b;
            } else {
                int j = i + 1;
                while (j < n && (in[j] == ' ' || in[j] == '\t')) {
                    j++;
                }
                if (j >= n || in[j] == '\r' || in[j] == '\n') {
                    // soft line break
                    i = j < n && in[j] == '\r' && j + 1 < n && in[j + 1] == '\n' ? j + 1 : j;
                    lineStart = len;
                } else if (i + 2 < n && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                    out[len++] = (byte) (hex(in[i + 1]) * 16 + hex(in[i + 2]));
                    i += 2;
                } else {
                    out[len++] = b;
                }
            }
        }
        return Arrays.copyOf(out, len);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
