package org.inboundrouter.channel.sms.smpp;

import java.util.Arrays;

/**
 * A PDU's user data split into its concatenation header (when there is one) and the text octets that follow it.
 *
 * @param segment null for a whole message
 * @param text    the octets of the text, header removed
 */
public record UserData(Segment segment, byte[] text) {

    private static final int IEI_CONCAT_8BIT = 0x00;
    private static final int IEI_CONCAT_16BIT = 0x08;

    /**
     * Reads the user data header when esm_class says there is one; SAR TLVs count when the header has no
     * concatenation element (an SMSC uses one or the other).
     *
     * @throws SmppPduException when the header's lengths run past the user data
     */
    public static UserData of(ShortMessagePdu pdu) throws SmppPduException {
        byte[] data = pdu.userData();
        Segment segment = null;
        byte[] text = data;
        if (pdu.hasUserDataHeader()) {
            if (data.length == 0) {
                throw new SmppPduException("esm_class announces a user data header but the user data is empty");
            }
            int headerLength = data[0] & 0xFF;
            if (1 + headerLength > data.length) {
                throw new SmppPduException("user data header length " + headerLength + " runs past the "
                        + data.length + " octets of user data");
            }
            segment = concatElement(data, headerLength);
            text = Arrays.copyOfRange(data, 1 + headerLength, data.length);
        }
        if (segment == null) {
            segment = sar(pdu);
        }
        return new UserData(segment != null && segment.usable() ? segment : null, text);
    }

    private static Segment concatElement(byte[] data, int headerLength) throws SmppPduException {
        int i = 1;
        int end = 1 + headerLength;
        Segment found = null;
        while (i < end) {
            if (i + 1 >= end) {
                throw new SmppPduException("user data header element at octet " + i + " has no length");
            }
            int iei = data[i] & 0xFF;
            int length = data[i + 1] & 0xFF;
            int value = i + 2;
            if (value + length > end) {
                throw new SmppPduException("user data header element 0x" + Integer.toHexString(iei) + " at octet "
                        + i + " runs past the header");
            }
            if (iei == IEI_CONCAT_8BIT && length == 3) {
                found = new Segment(Segment.Scheme.UDH8, data[value] & 0xFF, data[value + 1] & 0xFF,
                        data[value + 2] & 0xFF);
            } else if (iei == IEI_CONCAT_16BIT && length == 4) {
                found = new Segment(Segment.Scheme.UDH16, ((data[value] & 0xFF) << 8) | (data[value + 1] & 0xFF),
                        data[value + 2] & 0xFF, data[value + 3] & 0xFF);
            }
            // other elements (ports, language shift tables, text formatting) do not change where the text is
            i = value + length;
        }
        return found;
    }

    private static Segment sar(ShortMessagePdu pdu) {
        ShortMessagePdu.Tlv ref = pdu.tlv(ShortMessagePdu.TAG_SAR_MSG_REF_NUM);
        ShortMessagePdu.Tlv total = pdu.tlv(ShortMessagePdu.TAG_SAR_TOTAL_SEGMENTS);
        ShortMessagePdu.Tlv number = pdu.tlv(ShortMessagePdu.TAG_SAR_SEGMENT_SEQNUM);
        if (ref == null || total == null || number == null) {
            return null;
        }
        return new Segment(Segment.Scheme.SAR, ref.unsigned(), total.unsigned(), number.unsigned());
    }
}
