package org.inboundrouter.channel.sms.smpp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an SMS's text octets by its data_coding (SMPP 3.4 §5.2.19 and the GSM 03.38 coding groups). A coding that
 * is not text, or not known, never fails the message: the text is left empty or best effort and a warning says why;
 * the octets stay in the raw rendering.
 */
final class SmsText {

    record Decoded(String text, String warning) {
    }

    private SmsText() {
    }

    static Decoded decode(byte dataCoding, byte[] octets, DefaultAlphabet defaultAlphabet) {
        int dc = dataCoding & 0xFF;
        String label = String.format("data_coding 0x%02X", dc);
        return switch (dc) {
            case 0x00 -> switch (defaultAlphabet) {
                case GSM7 -> gsm7(octets, label);
                case LATIN1 -> charset(octets, StandardCharsets.ISO_8859_1, label);
                case ASCII -> charset(octets, StandardCharsets.US_ASCII, label);
            };
            case 0x01 -> charset(octets, StandardCharsets.US_ASCII, label);
            case 0x03 -> charset(octets, StandardCharsets.ISO_8859_1, label);
            case 0x05 -> charset(octets, Charset.forName("Shift_JIS"), label);
            case 0x06 -> charset(octets, Charset.forName("ISO-8859-5"), label);
            case 0x07 -> charset(octets, Charset.forName("ISO-8859-8"), label);
            case 0x08 -> ucs2(octets, label);
            case 0x0A -> charset(octets, Charset.forName("ISO-2022-JP"), label);
            case 0x0E -> charset(octets, Charset.forName("EUC-KR"), label);
            case 0x02, 0x04 -> binary(label + " (8-bit data)");
            default -> codingGroup(dc, octets, label);
        };
    }

    /** GSM 03.38 §4 coding groups: general data coding (00xx), message waiting (1100-1110), data coding/class (1111). */
    private static Decoded codingGroup(int dc, byte[] octets, String label) {
        if ((dc & 0xC0) == 0x00) {
            if ((dc & 0x20) != 0) {
                return binary(label + " (compressed text, not supported)");
            }
            return byAlphabetBits((dc >> 2) & 0x03, octets, label);
        }
        if ((dc & 0xF0) == 0xC0 || (dc & 0xF0) == 0xD0) {
            return gsm7(octets, label);
        }
        if ((dc & 0xF0) == 0xE0) {
            return ucs2(octets, label);
        }
        if ((dc & 0xF0) == 0xF0) {
            return (dc & 0x04) == 0 ? gsm7(octets, label) : binary(label + " (8-bit data)");
        }
        return unknown(label);
    }

    private static Decoded byAlphabetBits(int alphabet, byte[] octets, String label) {
        return switch (alphabet) {
            case 0 -> gsm7(octets, label);
            case 2 -> ucs2(octets, label);
            case 1 -> binary(label + " (8-bit data)");
            default -> unknown(label);
        };
    }

    private static Decoded gsm7(byte[] octets, String label) {
        int[] unknown = {0};
        String text = Gsm7.decode(octets, unknown);
        return new Decoded(text, unknown[0] == 0 ? null
                : label + ": " + unknown[0] + " octet(s) outside the GSM 7-bit alphabet replaced by \uFFFD");
    }

    private static Decoded ucs2(byte[] octets, String label) {
        Decoded d = charset(octets, StandardCharsets.UTF_16BE, label);
        if (octets.length % 2 != 0) {
            return new Decoded(d.text(), label + " (UCS-2): odd number of octets (" + octets.length
                    + "), the last one is cut off");
        }
        return d;
    }

    private static Decoded charset(byte[] octets, Charset charset, String label) {
        CharsetDecoder strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return new Decoded(strict.decode(ByteBuffer.wrap(octets)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(octets, charset), label + " (" + charset.name()
                    + "): malformed octets replaced by \uFFFD");
        }
    }

    private static Decoded binary(String what) {
        return new Decoded("", what + " is not text; the octets are in the raw PDU");
    }

    private static Decoded unknown(String label) {
        return new Decoded("", label + " is not a known coding; the octets are in the raw PDU");
    }
}
