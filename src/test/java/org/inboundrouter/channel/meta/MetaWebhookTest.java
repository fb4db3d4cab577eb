package org.inboundrouter.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.channel.meta.MetaPayloads.asMetaSends;
import static org.inboundrouter.channel.meta.MetaPayloads.contact;
import static org.inboundrouter.channel.meta.MetaPayloads.message;
import static org.inboundrouter.channel.meta.MetaPayloads.messaging;
import static org.inboundrouter.channel.meta.MetaPayloads.messagingText;
import static org.inboundrouter.channel.meta.MetaPayloads.whatsapp;
import static org.inboundrouter.channel.meta.MetaPayloads.whatsappText;

/** A Meta app's webhook, driven as Meta drives it: the GET handshake, then JSON POSTs signed with the app secret. */
class MetaWebhookTest {

    private static final String APP_SECRET = "5f2b0c9e1d7a4e3f8a6b2c1d0e9f8a7b";
    private static final String VERIFY_TOKEN = "desk-verify-7c41";
    private static final String PATH = "/webhooks/meta";

    @TempDir
    Path dir;
    private TestDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("META_APP_SECRET", APP_SECRET, "META_VERIFY_TOKEN", VERIFY_TOKEN),
                Map.of("meta", """
                        kind: meta
                        appSecret: ${env:META_APP_SECRET}
                        verifyToken: ${env:META_VERIFY_TOKEN}
                        maxBodyBytes: 65536
                        """));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    void theSubscriptionHandshakeEchoesTheChallenge() throws Exception {
        HttpResponse<String> response = daemon.get(PATH + "?hub.mode=subscribe&hub.verify_token="
                + enc(VERIFY_TOKEN) + "&hub.challenge=1158201444");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1158201444");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/plain"));
    }

    @Test
    void aHandshakeWithTheWrongTokenIs403AndWithoutOneIs401() throws Exception {
        HttpResponse<String> wrong = daemon.get(PATH + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=42");
        HttpResponse<String> none = daemon.get(PATH + "?hub.mode=subscribe&hub.challenge=42");

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("42").doesNotContain(VERIFY_TOKEN);
        assertThat(none.statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedChineseWhatsAppMessageBecomesAClassifiedTicket() throws Exception {
        byte[] body = asMetaSends(whatsappText("wamid.HBgNODYxMzgwMDEzODAwMBUCABIYFjNFQjBDMDA1", "8613800138000",
                "张三", "我的账户被盗了，有人转走了500元，请立即冻结！"));
        assertThat(new String(body, StandardCharsets.US_ASCII)).contains("\\u6211"); // what Meta puts on the wire

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("whatsapp");
        assertThat(ticket.get("channel").get("name").asText()).isEqualTo("meta");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("+8613800138000");
        assertThat(ticket.get("category").asText()).isEqualTo("account_security");
        assertThat(ticket.get("priority").asText()).isEqualTo("urgent");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo("我的账户被盗了，有人转走了500元，请立即冻结！");
        assertThat(message.get("sender").get("name").asText()).isEqualTo("张三");
        assertThat(message.get("externalId").asText()).isEqualTo("wamid.HBgNODYxMzgwMDEzODAwMBUCABIYFjNFQjBDMDA1");
        assertThat(message.get("recipients").get(0).get("address").asText()).isEqualTo("+15550783881");
        assertThat(message.get("headers").get("whatsapp-phone-number-id").asText()).isEqualTo("106540352242922");
        assertThat(message.get("language").asText()).isEqualTo("zh");
    }

    @Test
    void metaRedeliveringTheSameMessageIsADuplicate() throws Exception {
        byte[] body = asMetaSends(whatsappText("wamid.dup-0001", "8613900139000", "李四", "转账失败了，钱扣了没到账"));

        assertThat(postSigned(body).statusCode()).isEqualTo(200);
        assertThat(postSigned(body).statusCode()).isEqualTo(200);

        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        assertThat(daemon.ticket(tickets.get(0).get("id").asLong()).get("messages")).hasSize(1);
    }

    @Test
    void everyMessageOfADeliveryIsStoredAndStatusCallbacksAreNot() throws Exception {
        String statuses = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":\
                {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",\
                "phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.out-1","status":"delivered",\
                "timestamp":"1700000000","recipient_id":"8613800138000"}]},"field":"messages"}]}]}""";
        String two = whatsapp(contact("8613800138001", "王五") + "," + contact("447700900123", "Ann"),
                message("wamid.multi-1", "8613800138001", "\"type\":\"text\",\"text\":{\"body\":\"退款什么时候到账？\"}"),
                message("wamid.multi-2", "447700900123", "\"type\":\"image\",\"image\":{\"caption\":"
                        + "\"Top-up failed, screenshot attached\",\"mime_type\":\"image/jpeg\",\"sha256\":\"abc\","
                        + "\"id\":\"1479537139650973\"}"));

        assertThat(postSigned(asMetaSends(statuses)).statusCode()).isEqualTo(200);
        assertThat(daemon.tickets()).isEmpty();
        assertThat(postSigned(asMetaSends(two)).statusCode()).isEqualTo(200);

        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(2);
        JsonNode image = null;
        for (JsonNode t : tickets) {
            if (t.get("customer").get("address").asText().equals("+447700900123")) {
                image = daemon.ticket(t.get("id").asLong()).get("messages").get(0);
            }
        }
        assertThat(image).isNotNull();
        assertThat(image.get("text").asText()).isEqualTo("Top-up failed, screenshot attached");
        assertThat(image.get("headers").get("media-type").asText()).isEqualTo("image");
        assertThat(image.get("headers").get("media-id").asText()).isEqualTo("1479537139650973");
        assertThat(image.get("sender").get("name").asText()).isEqualTo("Ann");
    }

    @Test
    void aMessengerTextBecomesATicketAndEchoesDeliveriesAndReadsAreIgnored() throws Exception {
        String page = "109876543210987";
        String delivery = "{\"sender\":{\"id\":\"6743288419036845\"},\"recipient\":{\"id\":\"" + page + "\"},"
                + "\"timestamp\":1700000000000,\"delivery\":{\"mids\":[\"m_out1\"],\"watermark\":1700000000000}}";
        String read = "{\"sender\":{\"id\":\"6743288419036845\"},\"recipient\":{\"id\":\"" + page + "\"},"
                + "\"timestamp\":1700000000000,\"read\":{\"watermark\":1700000000000}}";
        String echo = "{\"sender\":{\"id\":\"" + page + "\"},\"recipient\":{\"id\":\"6743288419036845\"},"
                + "\"timestamp\":1700000000000,\"message\":{\"mid\":\"m_echo1\",\"is_echo\":true,"
                + "\"app_id\":1517776481860111,\"text\":\"We are looking into it\"}}";
        String body = messaging("page", page, delivery,
                messagingText("6743288419036845", page, "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5", "My withdrawal to my "
                        + "bank has been pending for 3 days"), read, echo);

        assertThat(postSigned(asMetaSends(body)).statusCode()).isEqualTo(200);

        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("messenger");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("fb:6743288419036845");
        assertThat(ticket.get("category").asText()).isEqualTo("withdrawal");
        assertThat(ticket.get("messages")).hasSize(1);
        assertThat(ticket.get("messages").get(0).get("externalId").asText())
                .isEqualTo("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5");
    }

    @Test
    void anInstagramDirectMessageBecomesAnInstagramTicket() throws Exception {
        String body = messaging("instagram", "17841405309211844",
                messagingText("1254459154682919", "17841405309211844", "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx",
                        "忘记密码了，验证码一直收不到😡"));

        assertThat(postSigned(asMetaSends(body)).statusCode()).isEqualTo(200);

        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("instagram");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("ig:1254459154682919");
        assertThat(ticket.get("category").asText()).isEqualTo("forgot_password_login");
        assertThat(ticket.get("messages").get(0).get("text").asText()).isEqualTo("忘记密码了，验证码一直收不到😡");
    }

    @Test
    void aForgedSignatureIs403AndNothingIsStored() throws Exception {
        byte[] body = asMetaSends(whatsappText("wamid.forged-1", "8613800138002", "赵六", "请把余额转给我"));

        HttpResponse<String> response = daemon.post(PATH, "application/json",
                Map.of("X-Hub-Signature-256", MetaSignature.compute("someone-elses-secret", body)), body);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("X-Hub-Signature-256").doesNotContain("余额");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aSignatureOverTheReencodedBodyIsRefused() throws Exception {
        // what a framework that parses and re-serializes the JSON would check: UTF-8 instead of Meta's escapes
        String json = whatsappText("wamid.reencoded-1", "8613800138003", "孙七", "充值失败");
        byte[] sent = asMetaSends(json);
        String signatureOfOtherBytes = MetaSignature.compute(APP_SECRET, json.getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = daemon.post(PATH, "application/json",
                Map.of("X-Hub-Signature-256", signatureOfOtherBytes), sent);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aMissingSignatureIs401() throws Exception {
        HttpResponse<String> response = daemon.post(PATH, "application/json", Map.of(),
                asMetaSends(whatsappText("wamid.unsigned-1", "8613800138004", "周八", "提现")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        byte[] body = "hub=1".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = daemon.post(PATH, "application/x-www-form-urlencoded",
                Map.of("X-Hub-Signature-256", MetaSignature.compute(APP_SECRET, body)), body);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aSignedMessageWithoutIdIs400NamingTheField() throws Exception {
        String json = whatsappText("wamid.x", "8613800138005", "吴九", "hello").replace("\"id\":\"wamid.x\",", "");

        HttpResponse<String> response = postSigned(asMetaSends(json));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"entry[0].changes[0].value.messages[0].id\"");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void signedBrokenJsonIs400() throws Exception {
        HttpResponse<String> response = postSigned("{\"object\":\"page\",\"entry\":[".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> noObject = postSigned("{\"entry\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"body\"");
        assertThat(noObject.statusCode()).isEqualTo(400);
        assertThat(noObject.body()).contains("\"field\":\"object\"");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void oneBadMessageRefusesTheWholeDeliverySoMetaRetriesItWhole() throws Exception {
        List<String> messages = new ArrayList<>();
        messages.add(message("wamid.good-1", "8613800138006", "\"type\":\"text\",\"text\":{\"body\":\"余额不对\"}"));
        messages.add(message("wamid.bad-1", "8613800138006", "\"type\":\"text\",\"text\":{}"));

        HttpResponse<String> response = postSigned(asMetaSends(whatsapp(contact("8613800138006", "郑十"),
                messages.toArray(String[]::new))));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"entry[0].changes[0].value.messages[1].text.body\"");
        assertThat(daemon.tickets()).isEmpty();
    }

    private HttpResponse<String> postSigned(byte[] body) throws Exception {
        return daemon.post(PATH, "application/json",
                Map.of("X-Hub-Signature-256", MetaSignature.compute(APP_SECRET, body)), body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
