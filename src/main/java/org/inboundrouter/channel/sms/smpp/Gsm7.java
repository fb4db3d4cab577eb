package org.inboundrouter.channel.sms.smpp;

/**
 * The GSM 03.38 default alphabet and its extension table, one septet per octet as SMPP carries it (SMSCs unpack
 * the air interface's packed septets before delivering to an ESME).
 */
final class Gsm7 {

    private static final char ESCAPE = 0x1B;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private Gsm7() {
    }

    /** @param unknown receives the count of octets outside the alphabet, replaced by U+FFFD */
    static String decode(byte[] septets, int[] unknown) {
        StringBuilder out = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int c = septets[i] & 0xFF;
            if (c > 0x7F) {
                unknown[0]++;
                out.append('\uFFFD');
            } else if (c == ESCAPE && i + 1 < septets.length) {
                char ext = extension(septets[++i] & 0x7F);
                out.append(ext);
            } else if (c == ESCAPE) {
                out.append(' ');
            } else {
                out.append(BASIC.charAt(c));
            }
        }
        return out.toString();
    }

    /** An escape followed by a septet without an extension meaning shows that septet's basic character (03.38). */
    private static char extension(int septet) {
        return switch (septet) {
            case 0x0A -> '\f';
            case 0x14 -> '^';
            case 0x28 -> '{';
            case 0x29 -> '}';
            case 0x2F -> '\\';
            case 0x3C -> '[';
            case 0x3D -> '~';
            case 0x3E -> ']';
            case 0x40 -> '|';
            case 0x65 -> '€';
            default -> BASIC.charAt(septet);
        };
    }
}
