package org.inboundrouter.channel.sms.smpp;

/**
 * Where one part sits in a concatenated message, from a user data header (IEI 0x00 with an 8-bit reference, 0x08
 * with a 16-bit one) or from the SAR TLVs. The scheme is part of the identity: an 8-bit reference 7 and a SAR
 * reference 7 are different messages.
 */
public record Segment(Scheme scheme, int reference, int total, int number) {

    public enum Scheme {
        UDH8("udh-8bit"), UDH16("udh-16bit"), SAR("sar");

        private final String label;

        Scheme(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A part that says it is 1 of 1, or whose numbers make no sense, is treated as a whole message. */
    public boolean usable() {
        return total > 1 && number >= 1 && number <= total;
    }
}
