package org.inboundrouter.channel.sms.smpp;

import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one {@code deliver_sm} that the router reads, copied out of jsmpp's bean so that decoding, reassembly
 * and rendering do not depend on the library's object (and can be tested without a session).
 *
 * @param userData the short_message octets, or the message_payload TLV's when short_message is empty
 * @param tlvs     every optional parameter in the order received, tag → value octets
 */
public record ShortMessagePdu(int sequenceNumber, String serviceType, byte sourceTon, byte sourceNpi, String source,
        byte destTon, byte destNpi, String dest, byte esmClass, byte protocolId, byte priorityFlag,
        byte registeredDelivery, byte dataCoding, byte[] userData, List<Tlv> tlvs) {

    public static final short TAG_RECEIPTED_MESSAGE_ID = 0x001E;
    public static final short TAG_USER_MESSAGE_REFERENCE = 0x0204;
    public static final short TAG_SAR_MSG_REF_NUM = 0x020C;
    public static final short TAG_SAR_TOTAL_SEGMENTS = 0x020E;
    public static final short TAG_SAR_SEGMENT_SEQNUM = 0x020F;
    public static final short TAG_MESSAGE_PAYLOAD = 0x0424;

    /** esm_class bit 6: short_message starts with a user data header */
    private static final int ESM_UDHI = 0x40;
    /** esm_class bits 5-2: message type; 0 is a normal message, the rest are receipts and acknowledgements */
    private static final int ESM_MESSAGE_TYPE = 0x3C;

    public record Tlv(short tag, byte[] value) {

        public int unsigned() {
            int n = 0;
            for (byte b : value) {
                n = (n << 8) | (b & 0xFF);
            }
            return n;
        }
    }

    public static ShortMessagePdu of(DeliverSm pdu) {
        List<Tlv> tlvs = new ArrayList<>();
        byte[] payload = null;
        if (pdu.getOptionalParameters() != null) {
            for (OptionalParameter p : pdu.getOptionalParameters()) {
                byte[] serialized = p.serialize();
                byte[] value = Arrays.copyOfRange(serialized, 4, serialized.length);
                tlvs.add(new Tlv(p.tag, value));
                if (p.tag == TAG_MESSAGE_PAYLOAD) {
                    payload = value;
                }
            }
        }
        byte[] shortMessage = pdu.getShortMessage() == null ? new byte[0] : pdu.getShortMessage();
        byte[] userData = shortMessage.length == 0 && payload != null ? payload : shortMessage;
        return new ShortMessagePdu(pdu.getSequenceNumber(), pdu.getServiceType(), pdu.getSourceAddrTon(),
                pdu.getSourceAddrNpi(), pdu.getSourceAddr(), pdu.getDestAddrTon(), pdu.getDestAddrNpi(),
                pdu.getDestAddress(), pdu.getEsmClass(), pdu.getProtocolId(), pdu.getPriorityFlag(),
                pdu.getRegisteredDelivery(), pdu.getDataCoding(), userData, List.copyOf(tlvs));
    }

    public boolean hasUserDataHeader() {
        return (esmClass & ESM_UDHI) != 0;
    }

    /**
     * A delivery receipt, an SME acknowledgement or an intermediate notification: a report about a message the desk
     * sent, not something a customer wrote. Some SMSCs mark receipts only with receipted_message_id.
     */
    public boolean isReceipt() {
        return (esmClass & ESM_MESSAGE_TYPE) != 0 || tlv(TAG_RECEIPTED_MESSAGE_ID) != null;
    }

    public Tlv tlv(short tag) {
        for (Tlv t : tlvs) {
            if (t.tag() == tag) {
                return t;
            }
        }
        return null;
    }

    /** For audit: every field, the user data and TLVs in hex, in PDU order. */
    public Map<String, Object> rendering() {
        HexFormat hex = HexFormat.of();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "deliver_sm");
        m.put("sequence_number", sequenceNumber);
        m.put("service_type", serviceType);
        m.put("source_addr_ton", sourceTon & 0xFF);
        m.put("source_addr_npi", sourceNpi & 0xFF);
        m.put("source_addr", source);
        m.put("dest_addr_ton", destTon & 0xFF);
        m.put("dest_addr_npi", destNpi & 0xFF);
        m.put("destination_addr", dest);
        m.put("esm_class", String.format("0x%02X", esmClass & 0xFF));
        m.put("protocol_id", protocolId & 0xFF);
        m.put("priority_flag", priorityFlag & 0xFF);
        m.put("registered_delivery", registeredDelivery & 0xFF);
        m.put("data_coding", String.format("0x%02X", dataCoding & 0xFF));
        m.put("user_data_hex", hex.formatHex(userData));
        List<Map<String, String>> rendered = new ArrayList<>();
        for (Tlv t : tlvs) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("tag", String.format("0x%04X", t.tag() & 0xFFFF));
            String name = tlvName(t.tag());
            if (name != null) {
                r.put("name", name);
            }
            r.put("value_hex", hex.formatHex(t.value()));
            rendered.add(r);
        }
        m.put("tlvs", rendered);
        return m;
    }

    private static String tlvName(short tag) {
        try {
            OptionalParameter.Tag known = OptionalParameter.Tag.valueOf(tag);
            return known == null ? null : known.name().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
