package org.inboundrouter.channel.sms.smpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Json;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Sha256;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns deliver_sm PDUs into the router's {@link Intake}: a whole message from one PDU, or a concatenated one from
 * its parts (complete, or what arrived before the timeout).
 *
 * <p>deliver_sm carries no message id, and an SMSC redelivering a message sends a new PDU with a new sequence number.
 * The dedup key is therefore the content: sender, user_message_reference when the SMSC passes it, a hash of
 * destination, coding and octets, and the UTC day it arrived. A redelivery the same day is a duplicate; the cost is
 * that the same text sent twice by one customer on one day is kept once (see docs/channels/smpp.md).
 */
final class SmppIntakes {

    private static final byte TON_INTERNATIONAL = 1;
    private static final String GAP = "[…]";

    private final ChannelRef channel;
    private final DefaultAlphabet defaultAlphabet;

    SmppIntakes(ChannelRef channel, DefaultAlphabet defaultAlphabet) {
        this.channel = channel;
        this.defaultAlphabet = defaultAlphabet;
    }

    Intake whole(ShortMessagePdu pdu, UserData data, Instant receivedAt) {
        SmsText.Decoded text = SmsText.decode(pdu.dataCoding(), data.text(), defaultAlphabet);
        ShortMessagePdu.Tlv mr = pdu.tlv(ShortMessagePdu.TAG_USER_MESSAGE_REFERENCE);
        String hash = shortHash(pdu.dest() + "|" + (pdu.dataCoding() & 0xFF) + "|"
                + java.util.HexFormat.of().formatHex(pdu.userData()));
        String id = (mr == null ? "-" : Integer.toString(mr.unsigned())) + ":" + hash + ":" + day(receivedAt);
        ChatIntake intake = common(pdu, rendering(receivedAt, List.of(pdu), null), receivedAt, id)
                .text(text.text());
        if (text.warning() != null) {
            intake.warning(text.warning());
        }
        return intake.build();
    }

    Intake assembled(PartSet set) {
        ShortMessagePdu first = set.parts().get(0).pdu();
        PartSet.PartKey key = set.key();
        StringBuilder content = new StringBuilder();
        for (PartSet.Part part : set.parts()) {
            content.append(part.number()).append(':').append(java.util.HexFormat.of().formatHex(part.text()))
                    .append('|');
        }
        String id = key.scheme().label() + "-" + key.reference() + "/" + key.total() + ":"
                + shortHash(key.dest() + "|" + content) + ":" + day(set.firstAt());
        List<ShortMessagePdu> pdus = set.parts().stream().map(PartSet.Part::pdu).toList();
        List<Integer> missing = set.missing();
        ChatIntake intake = common(first, rendering(set.firstAt(), pdus, set), set.firstAt(), id);
        List<String> warnings = new ArrayList<>();
        intake.text(joinText(set, warnings));
        intake.header("smpp-concatenation", key.scheme().label() + " reference " + key.reference() + ", "
                + set.parts().size() + " of " + key.total() + " parts");
        if (!missing.isEmpty()) {
            String which = missing.stream().map(String::valueOf).collect(Collectors.joining(", "));
            intake.header("smpp-incomplete", "missing part(s) " + which + " of " + key.total());
            warnings.add(0, "incomplete concatenated SMS: part(s) " + which + " of " + key.total()
                    + " did not arrive before the timeout; " + GAP + " marks where they belong");
        }
        warnings.forEach(intake::warning);
        return intake.build();
    }

    /**
     * Decodes runs of consecutive parts as one octet string, so that a character split across two parts (a UCS-2
     * surrogate pair, a GSM escape) comes out whole; a missing part leaves a visible gap.
     */
    private String joinText(PartSet set, List<String> warnings) {
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        byte coding = set.parts().get(0).pdu().dataCoding();
        int expected = 1;
        for (PartSet.Part part : set.parts()) {
            boolean gap = part.number() != expected;
            if (gap || part.pdu().dataCoding() != coding) {
                flush(run, coding, text, warnings);
                if (gap) {
                    text.append(expected == 1 ? GAP + " " : " " + GAP + " ");
                }
                coding = part.pdu().dataCoding();
            }
            run.writeBytes(part.text());
            expected = part.number() + 1;
        }
        flush(run, coding, text, warnings);
        if (expected <= set.key().total()) {
            text.append(" ").append(GAP);
        }
        return text.toString();
    }

    private void flush(ByteArrayOutputStream run, byte coding, StringBuilder text, List<String> warnings) {
        if (run.size() == 0) {
            return;
        }
        SmsText.Decoded decoded = SmsText.decode(coding, run.toByteArray(), defaultAlphabet);
        text.append(decoded.text());
        if (decoded.warning() != null && !warnings.contains(decoded.warning())) {
            warnings.add(decoded.warning());
        }
        run.reset();
    }

    private ChatIntake common(ShortMessagePdu pdu, byte[] raw, Instant receivedAt, String id) {
        String source = address(pdu.sourceTon(), pdu.source());
        String dest = address(pdu.destTon(), pdu.dest());
        return ChatIntake.from(channel, raw)
                .dedupKey("smpp:" + channel.name() + ":" + source + ":" + id)
                .externalId(source + ":" + id)
                .sender(Party.of(source))
                .recipient(Party.of(dest))
                .receivedAt(receivedAt)
                .threadKey(source + ">" + dest)
                .header("smpp-source-ton", Integer.toString(pdu.sourceTon() & 0xFF))
                .header("smpp-data-coding", String.format("0x%02X", pdu.dataCoding() & 0xFF))
                .header("smpp-esm-class", String.format("0x%02X", pdu.esmClass() & 0xFF))
                .header("smpp-service-type", blankToNull(pdu.serviceType()));
    }

    /** E.164 with a plus when the SMSC says the number is international; anything else as the SMSC wrote it. */
    static String address(byte ton, String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String a = address.strip();
        if (ton == TON_INTERNATIONAL) {
            String digits = a.startsWith("+") ? a.substring(1) : a;
            if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
                return "+" + digits;
            }
        }
        return a;
    }

    /** The raw form of one PDU, kept for quarantine when it cannot be read. */
    byte[] renderingOf(ShortMessagePdu pdu, Instant receivedAt) {
        return rendering(receivedAt, List.of(pdu), null);
    }

    private byte[] rendering(Instant receivedAt, List<ShortMessagePdu> pdus, PartSet set) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("protocol", "smpp");
        doc.put("channel", channel.name());
        doc.put("received_at", receivedAt.toString());
        if (set != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("scheme", set.key().scheme().label());
            c.put("reference", set.key().reference());
            c.put("total", set.key().total());
            c.put("received", set.parts().stream().map(PartSet.Part::number).toList());
            c.put("missing", set.missing());
            doc.put("concatenation", c);
        }
        doc.put("pdus", pdus.stream().map(ShortMessagePdu::rendering).toList());
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rendering a PDU as JSON", e);
        }
    }

    private static String shortHash(String s) {
        return Sha256.hex(s.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
