package org.inboundrouter.channel.email;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the charset labels real mailers write into Java charsets, and guesses the charset of unlabelled 8-bit text.
 */
final class MailCharsets {

    static final Charset GB18030 = Charset.forName("GB18030");
    static final Charset BIG5_HKSCS = Charset.forName("Big5-HKSCS");
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /*
     * Chinese mailers label GBK (and GB18030) text "GB2312"; decoding it as GB2312 loses every character outside
     * GB2312's 6,763. GB18030 is a superset of all of them, so the whole family decodes as GB18030.
     */
    private static final Pattern GB_FAMILY = Pattern.compile(
            "gb2312.*|gb231280|gbk|xgbk|cp936|ms936|windows936|xwindows936|936|euccn|xeuccn|csgb2312|xgb2312"
                    + "|chinese|isoir58|csiso58gb231280|gb18030|csgb18030|gb");
    /* Big5-HKSCS is a superset of Big5; Hong Kong customers' mail uses HKSCS characters under the plain label. */
    private static final Pattern BIG5_FAMILY = Pattern.compile("big5|csbig5|xxbig5|cnbig5|big5hkscs|xbig5|big5hk");

    private MailCharsets() {
    }

    /** The Java charset for a MIME charset label, or null when the label is missing or unknown. */
    static Charset resolve(String label) {
        if (label == null) {
            return null;
        }
        // "utf-8 (from the web form)", "gbk; format=flowed": left over from a sloppy parameter list
        String trimmed = label.replace("\"", "").replace("'", "").strip().split("[\\s(;,]", 2)[0];
        // seen in the wild: charset="charset=us-ascii"
        trimmed = trimmed.substring(trimmed.lastIndexOf('=') + 1);
        // RFC 2231 lets an encoded word carry a language after '*': =?UTF-8*en?Q?...?=
        int star = trimmed.indexOf('*');
        if (star >= 0) {
            trimmed = trimmed.substring(0, star);
        }
        if (trimmed.isEmpty()) {
            return null;
        }
        String squashed = trimmed.toLowerCase(Locale.ROOT).replaceAll("[-_\\s.:]", "");
        if (GB_FAMILY.matcher(squashed).matches()) {
            return GB18030;
        }
        if (BIG5_FAMILY.matcher(squashed).matches()) {
            return BIG5_HKSCS;
        }
        switch (squashed) {
            case "utf8", "unicode11utf8", "unicode20utf8", "xunicode20utf8" -> {
                return StandardCharsets.UTF_8;
            }
            // WHATWG practice: what is labelled Latin-1 is almost always windows-1252 (curly quotes, euro sign)
            case "iso88591", "latin1", "l1", "iso885911987", "cp819", "ibm819", "isoir100", "csisolatin1" -> {
                return WINDOWS_1252;
            }
            // RFC 2152; the JDK has none (see Utf7)
            case "utf7", "unicode11utf7", "csunicode11utf7", "xunicode20utf7" -> {
                return Utf7.INSTANCE;
            }
            case "iso88598i" -> {
                return Charset.forName("ISO-8859-8");
            }
            case "iso88596i", "iso88596e" -> {
                return Charset.forName("ISO-8859-6");
            }
            case "ksc56011987", "ksc5601", "cp949", "windows949" -> {
                return Charset.forName("x-windows-949");
            }
            default -> {
                // fall through to Java's own alias table
            }
        }
        try {
            return Charset.forName(trimmed);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether a label names plain ASCII, which mailers write even when the text has 8-bit bytes. */
    static boolean isAsciiLabel(String label) {
        if (label == null) {
            return false;
        }
        String squashed = label.trim().toLowerCase(Locale.ROOT).replaceAll("[-_\\s.\"']", "");
        return squashed.equals("usascii") || squashed.equals("ascii") || squashed.equals("ansix341968")
                || squashed.equals("646") || squashed.equals("iso646us");
    }

    static boolean hasEightBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Double-byte pairs needed before 8-bit bytes count as Chinese: a few pairs are as likely to be accented Latin
     * letters, damaged base64 or a binary tail (a 2-character GBK subject is decoded with the charset its body
     * declares, or together with the mail's other raw headers; see {@code EncodedWords}).
     */
    static final int MIN_CHINESE_PAIRS = 4;

    /**
     * How UTF-8-like 8-bit bytes are: {@code good} complete multi-byte sequences, {@code bad} bytes that start or
     * continue none.
     */
    record Utf8Stats(int good, int bad) {
        /** Valid but for a few damaged bytes: at most 1 bad byte per {@code perBad} good sequences. */
        boolean nearly(int perBad) {
            return good >= 2 && bad * perBad <= good;
        }
    }

    static Utf8Stats utf8Stats(byte[] bytes) {
        int good = 0;
        int bad = 0;
        int n = bytes.length;
        for (int i = 0; i < n; ) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
            boolean ok = need > 0;
            for (int k = 1; ok && k <= need; k++) {
                ok = i + k < n && (bytes[i + k] & 0xC0) == 0x80;
            }
            if (ok) {
                good++;
                i += need + 1;
            } else {
                bad++;
                i++;
            }
        }
        return new Utf8Stats(good, bad);
    }

    /** Valid UTF-8 but for at most one damaged byte per 3 good sequences (GBK or Big5 text that happens to hold UTF-8 sequences has fewer good ones than bad bytes). */
    static boolean nearlyUtf8(byte[] bytes) {
        return utf8Stats(bytes).nearly(3);
    }

    /**
     * The charset unlabelled 8-bit text most likely is: UTF-8 when valid or nearly so (then decoded with
     * replacement characters); else GB18030 or Big5-HKSCS when there are at least {@link #MIN_CHINESE_PAIRS}
     * double-byte pairs that decode cleanly and look like Chinese text; else windows-1252, which decodes anything.
     */
    static Charset guess(byte[] bytes) {
        if (!hasEightBit(bytes) || isValid(bytes, StandardCharsets.UTF_8) || nearlyUtf8(bytes)) {
            return StandardCharsets.UTF_8;
        }
        Charset chinese = guessChinese(bytes);
        return chinese != null ? chinese : WINDOWS_1252;
    }

    /** GB18030 or Big5-HKSCS when the bytes are enough evidence of Chinese text, else null. */
    static Charset guessChinese(byte[] bytes) {
        // Chinese text is made of runs of two-byte characters; GB2312's hanzi have both bytes >= 0xA1, while Big5
        // has many trail bytes in 0x40..0x7E. Latin-1 text has lone high bytes between ASCII letters.
        int pairs = 0;
        int highTrail = 0;
        int inRun = 0;
        int previousPairEnd = -1;
        for (int i = 0; i < bytes.length; ) {
            int b = bytes[i] & 0xFF;
            if (b < 0x81 || i + 1 >= bytes.length) {
                i++;
                continue;
            }
            int trail = bytes[i + 1] & 0xFF;
            pairs++;
            if (trail >= 0xA1) {
                highTrail++;
            }
            boolean followed = i + 2 < bytes.length && (bytes[i + 2] & 0xFF) >= 0x81;
            if (followed || previousPairEnd == i) {
                inRun++;
            }
            previousPairEnd = i + 2;
            i += 2;
        }
        if (pairs < MIN_CHINESE_PAIRS) {
            return null;
        }
        boolean gbValid = isValid(bytes, GB18030);
        if (gbValid && highTrail * 10 >= pairs * 8) {
            return GB18030;
        }
        boolean dense = inRun * 2 >= pairs;
        if (dense && isValid(bytes, BIG5_HKSCS)) {
            return BIG5_HKSCS;
        }
        if (dense && gbValid) {
            return GB18030;
        }
        return null;
    }

    static boolean isValid(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Decodes leniently (malformed input becomes U+FFFD) and drops a leading byte-order mark. */
    static String decode(byte[] bytes, Charset charset) {
        String text = new String(bytes, charset);
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    /**
     * Decodes text bytes labelled {@code label}, falling back to a guess when the label is missing, unknown, or
     * claims ASCII/UTF-8 for bytes that are not. Adds a warning (prefixed with {@code where}) for every guess that
     * is not plain good practice.
     */
    static String decodeLabelled(byte[] bytes, String label, String where, List<String> warnings) {
        Charset declared = resolve(label);
        boolean eightBit = hasEightBit(bytes);
        if (declared == null) {
            Charset guessed = guess(bytes);
            if (label != null && !label.isBlank()) {
                warnings.add(where + ": unknown charset \"" + label.trim() + "\", decoded as " + guessed.name());
            } else if (eightBit && !guessed.equals(StandardCharsets.UTF_8)) {
                warnings.add(where + ": no charset for 8-bit text, decoded as " + guessed.name());
            }
            replacedWarning(bytes, guessed, where, warnings);
            return decode(bytes, guessed);
        }
        if (eightBit && (isAsciiLabel(label) || declared.equals(StandardCharsets.US_ASCII))) {
            Charset guessed = guess(bytes);
            warnings.add(where + ": charset \"" + label.trim() + "\" but 8-bit bytes, decoded as " + guessed.name());
            replacedWarning(bytes, guessed, where, warnings);
            return decode(bytes, guessed);
        }
        if (eightBit && declared.equals(WINDOWS_1252) && isValid(bytes, StandardCharsets.UTF_8)) {
            // multi-byte UTF-8 sequences hardly ever occur in real Latin-1 text, while UTF-8 text under a
            // Latin-1 label (re-encoding relays, editors) is common
            warnings.add(where + ": charset \"" + label.trim() + "\" but the bytes are UTF-8, decoded as UTF-8");
            return decode(bytes, StandardCharsets.UTF_8);
        }
        if (eightBit && declared.equals(StandardCharsets.UTF_8) && !isValid(bytes, StandardCharsets.UTF_8)) {
            Utf8Stats stats = utf8Stats(bytes);
            // UTF-8 with a few damaged bytes stays UTF-8; bytes without a single UTF-8 sequence are another charset
            Charset other = stats.nearly(2) ? null
                    : guessChinese(bytes) != null ? guessChinese(bytes)
                    : stats.good() == 0 ? WINDOWS_1252 : null;
            if (other != null) {
                warnings.add(where + ": charset \"" + label.trim() + "\" but not valid UTF-8, decoded as "
                        + other.name());
                return decode(bytes, other);
            }
            warnings.add(where + ": invalid UTF-8 bytes replaced");
        }
        return decode(bytes, declared);
    }

    /** Guessed UTF-8 for bytes that are only nearly UTF-8: say so. */
    private static void replacedWarning(byte[] bytes, Charset guessed, String where, List<String> warnings) {
        if (guessed.equals(StandardCharsets.UTF_8) && hasEightBit(bytes) && !isValid(bytes, StandardCharsets.UTF_8)) {
            warnings.add(where + ": invalid UTF-8 bytes replaced");
        }
    }
}
