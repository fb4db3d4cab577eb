package org.inboundrouter.channel.sms.smpp;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMPP channel end to end: the daemon binds to a local SMSC over TCP, the SMSC sends deliver_sm PDUs, and the
 * tickets are read back through the HTTP API. Each case writes from its own number, so each opens its own ticket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmppChannelTest {

    private static final int UDHI = 0x40;
    private static final int UCS2 = 0x08;

    @TempDir
    static Path dir;
    private LocalSmsc smsc;
    private TestDaemon daemon;

    @BeforeAll
    void start() throws Exception {
        smsc = LocalSmsc.start();
        daemon = TestDaemon.start(dir, Map.of("SMSC_PASSWORD", LocalSmsc.PASSWORD), Map.of("smsc", """
                kind: smpp
                host: 127.0.0.1
                port: %d
                systemId: %s
                password: ${env:SMSC_PASSWORD}
                reconnectDelay: 300ms
                enquireLinkInterval: 5s
                concatTimeout: 2s
                """.formatted(smsc.port(), LocalSmsc.SYSTEM_ID)));
        smsc.awaitBinds(1, Duration.ofSeconds(45));
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    @Test
    void bindsAsReceiver() {
        assertThat(smsc.binds().get(0)).isEqualTo(BindType.BIND_RX);
    }

    @Test
    void chineseUcs2MessageBecomesATicket() throws Exception {
        String text = "我的账户被盗了，有人转走了500元，请立即冻结！";
        smsc.deliver(LocalSmsc.Pdu.of("8613800138001", 0, UCS2, ucs2(text)));

        JsonNode ticket = awaitTicketOf("+8613800138001");
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("sms");
        assertThat(ticket.get("channel").get("name").asText()).isEqualTo("smsc");
        assertThat(ticket.get("category").asText()).isEqualTo("account_security");
        assertThat(ticket.get("priority").asText()).isEqualTo("urgent");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo(text);
        assertThat(message.get("language").asText()).isEqualTo("zh");
        assertThat(message.get("recipients").get(0).get("address").asText()).isEqualTo("10690000");
        assertThat(message.get("headers").get("smpp-data-coding").asText()).isEqualTo("0x08");
        assertThat(message.get("warnings")).isNullOrEmpty();

        JsonNode raw = raw(message);
        assertThat(raw.get("pdus").get(0).get("user_data_hex").asText())
                .isEqualTo(java.util.HexFormat.of().formatHex(ucs2(text)));
        assertThat(raw.get("pdus").get(0).get("source_addr").asText()).isEqualTo("8613800138001");
    }

    @Test
    void redeliveryOfTheSameMessageIsADuplicate() throws Exception {
        LocalSmsc.Pdu pdu = LocalSmsc.Pdu.of("8613800138002", 0, UCS2, ucs2("提现三天了还没到账"));
        smsc.deliver(pdu);
        awaitTicketOf("+8613800138002");
        smsc.deliver(pdu); // answered ESME_ROK: the SMSC must not keep retrying a message we have
        smsc.deliver(LocalSmsc.Pdu.of("8613800138002", 0, UCS2, ucs2("请尽快处理")));

        daemon.awaitTickets(t -> messages("+8613800138002") >= 2);
        Thread.sleep(300); // a wrongly stored redelivery would be a third message
        JsonNode ticket = awaitTicketOf("+8613800138002");
        assertThat(ticket.get("messages")).hasSize(2);
        assertThat(ticket.get("messages").get(0).get("text").asText()).isEqualTo("提现三天了还没到账");
        assertThat(ticket.get("messages").get(1).get("text").asText()).isEqualTo("请尽快处理");
    }

    @Test
    void udhConcatenatedMessageArrivingOutOfOrderIsReassembledBeforeClassification() throws Exception {
        String[] parts = {"我昨天充值了500元，", "但是显示充值失败，", "交易号20240503123456"};
        smsc.deliver(LocalSmsc.Pdu.of("8613800138003", UDHI, UCS2, udh8(0x2A, 3, 3, ucs2(parts[2]))));
        smsc.deliver(LocalSmsc.Pdu.of("8613800138003", UDHI, UCS2, udh8(0x2A, 3, 1, ucs2(parts[0]))));
        Thread.sleep(300);
        assertThat(ticketOf("+8613800138003")).as("nothing stored before the last part").isNull();
        smsc.deliver(LocalSmsc.Pdu.of("8613800138003", UDHI, UCS2, udh8(0x2A, 3, 2, ucs2(parts[1]))));

        JsonNode ticket = awaitTicketOf("+8613800138003");
        assertThat(ticket.get("messages")).hasSize(1);
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo(String.join("", parts));
        assertThat(ticket.get("category").asText()).isEqualTo("topup");
        assertThat(message.get("headers").get("smpp-concatenation").asText())
                .isEqualTo("udh-8bit reference 42, 3 of 3 parts");
        assertThat(message.get("headers").has("smpp-incomplete")).isFalse();
        JsonNode raw = raw(message);
        assertThat(raw.get("pdus")).hasSize(3);
        assertThat(raw.get("concatenation").get("missing")).isEmpty();
    }

    @Test
    void udh16BitReferenceAndSarTlvsAreReassembled() throws Exception {
        smsc.deliver(LocalSmsc.Pdu.of("8613800138004", UDHI, UCS2, udh16(0x1234, 2, 2, ucs2("请帮我解冻"))));
        smsc.deliver(LocalSmsc.Pdu.of("8613800138004", UDHI, UCS2, udh16(0x1234, 2, 1, ucs2("我的账户被冻结了，"))));
        assertThat(text(awaitTicketOf("+8613800138004"))).isEqualTo("我的账户被冻结了，请帮我解冻");

        // SAR: segments in TLVs, short_message without header; GSM 7-bit with an escaped euro sign across parts
        smsc.deliver(LocalSmsc.Pdu.of("447700900005", 0, 0, gsm("I was charged 20"), sar(0x0501, 2, 1)));
        smsc.deliver(LocalSmsc.Pdu.of("447700900005", 0, 0, new byte[] {0x1B, 0x65, ' ', 't', 'w', 'i', 'c', 'e'},
                sar(0x0501, 2, 2)));
        JsonNode ticket = awaitTicketOf("+447700900005");
        assertThat(text(ticket)).isEqualTo("I was charged 20€ twice");
        assertThat(ticket.get("messages").get(0).get("headers").get("smpp-concatenation").asText())
                .isEqualTo("sar reference 1281, 2 of 2 parts");
    }

    @Test
    void deliveryReceiptIsNotAMessage() throws Exception {
        byte[] receipt = ("id:0123456789 sub:001 dlvrd:001 submit date:2405031200 done date:2405031201 stat:DELIVRD "
                + "err:000 text:Your ticket").getBytes(StandardCharsets.US_ASCII);
        smsc.deliver(LocalSmsc.Pdu.of("8613800138006", 0x04, 0, receipt,
                new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), "0123456789")));
        smsc.deliver(LocalSmsc.Pdu.of("8613800138006", 0, UCS2, ucs2("退款什么时候到账？")));

        JsonNode ticket = awaitTicketOf("+8613800138006");
        assertThat(ticket.get("messages")).hasSize(1);
        assertThat(text(ticket)).isEqualTo("退款什么时候到账？");
    }

    @Test
    void partThatNeverArrivesLeavesAnIncompleteMessageAfterTheTimeout() throws Exception {
        smsc.deliver(LocalSmsc.Pdu.of("8613800138007", UDHI, UCS2, udh8(0x07, 3, 1, ucs2("我的银行卡"))));
        smsc.deliver(LocalSmsc.Pdu.of("8613800138007", UDHI, UCS2, udh8(0x07, 3, 3, ucs2("请尽快处理"))));

        JsonNode ticket = awaitTicketOf("+8613800138007");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo("我的银行卡 […] 请尽快处理");
        assertThat(message.get("headers").get("smpp-incomplete").asText()).isEqualTo("missing part(s) 2 of 3");
        assertThat(message.get("warnings").get(0).asText()).contains("incomplete concatenated SMS", "2 of 3");
        assertThat(raw(message).get("concatenation").get("missing").get(0).asInt()).isEqualTo(2);
    }

    @Test
    void unknownCodingIsKeptWithAWarning() throws Exception {
        smsc.deliver(LocalSmsc.Pdu.of("8613800138008", 0, 0x04, new byte[] {0x01, 0x02, (byte) 0xFF}));
        JsonNode message = awaitTicketOf("+8613800138008").get("messages").get(0);
        assertThat(message.get("text").asText()).isEmpty();
        assertThat(message.get("warnings").get(0).asText()).contains("data_coding 0x04", "not text");
    }

    @Test
    void nationalNumberIsKeptAsTheSmscWroteIt() throws Exception {
        smsc.deliver(new LocalSmsc.Pdu(TypeOfNumber.NATIONAL, "13800138009", "10690000", 0, 3,
                "Mot de passe oublié".getBytes(StandardCharsets.ISO_8859_1), List.of()));
        assertThat(text(awaitTicketOf("13800138009"))).isEqualTo("Mot de passe oublié");
    }

    @Test
    void bindsAgainAfterTheSmscDropsTheSessionAndKeepsReceiving() throws Exception {
        int before = smsc.binds().size();
        smsc.dropSession();
        smsc.awaitBinds(before + 1, Duration.ofSeconds(45));
        smsc.deliver(LocalSmsc.Pdu.of("8613800138010", 0, UCS2, ucs2("重新连接后还能收到吗")));
        assertThat(text(awaitTicketOf("+8613800138010"))).isEqualTo("重新连接后还能收到吗");
    }

    // --- helpers

    private JsonNode ticketOf(String customer) throws Exception {
        for (JsonNode t : daemon.tickets()) {
            if (customer.equals(t.get("customer").get("address").asText())) {
                return daemon.ticket(t.get("id").asLong());
            }
        }
        return null;
    }

    private JsonNode awaitTicketOf(String customer) throws Exception {
        daemon.awaitTickets(tickets -> {
            for (JsonNode t : tickets) {
                if (customer.equals(t.get("customer").get("address").asText())) {
                    return true;
                }
            }
            return false;
        });
        JsonNode ticket = ticketOf(customer);
        assertThat(ticket).as("ticket of " + customer).isNotNull();
        return ticket;
    }

    private int messages(String customer) {
        try {
            JsonNode t = ticketOf(customer);
            return t == null ? 0 : t.get("messages").size();
        } catch (Exception e) {
            return 0;
        }
    }

    private JsonNode raw(JsonNode message) throws Exception {
        String ref = message.get("rawRef").asText();
        assertThat(ref).startsWith("sha256:");
        return Json.mapper().readTree(daemon.get("/api/raw/" + ref.substring("sha256:".length())).body());
    }

    private static String text(JsonNode ticket) {
        return ticket.get("messages").get(0).get("text").asText();
    }

    private static byte[] ucs2(String s) {
        return s.getBytes(StandardCharsets.UTF_16BE);
    }

    /** Unpacked GSM 7-bit for ASCII letters, digits and space, which share their codes with ASCII. */
    private static byte[] gsm(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] udh8(int ref, int total, int seq, byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x05, 0x00, 0x03, (byte) ref, (byte) total, (byte) seq});
        out.writeBytes(text);
        return out.toByteArray();
    }

    private static byte[] udh16(int ref, int total, int seq, byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x06, 0x08, 0x04, (byte) (ref >> 8), (byte) ref, (byte) total, (byte) seq});
        out.writeBytes(text);
        return out.toByteArray();
    }

    private static OptionalParameter[] sar(int ref, int total, int seq) {
        return new OptionalParameter[] {
                new OptionalParameter.Short(OptionalParameter.Tag.SAR_MSG_REF_NUM, (short) ref),
                new OptionalParameter.Byte(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS, (byte) total),
                new OptionalParameter.Byte(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM, (byte) seq)};
    }
}
