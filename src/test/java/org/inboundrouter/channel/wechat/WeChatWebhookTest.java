package org.inboundrouter.channel.wechat;

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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WeChat Official Account's server configuration, driven as WeChat drives it: the GET URL check, then XML POSTs
 * signed through the query string, in plain mode and in safe mode.
 */
class WeChatWebhookTest {

    private static final String TOKEN = "deskToken2024";
    private static final String APP_ID = "wx5823bf96d3bd56c7";
    private static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private static final String ACCOUNT = "gh_3f5a6b7c8d9e";
    private static final String OPENID = "oIWsFtyel13ZMva1qltQ3qfzvNjA";
    private static final AtomicInteger NONCES = new AtomicInteger(1_000_000);

    @TempDir
    Path dir;
    private TestDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("WECHAT_TOKEN", TOKEN, "WECHAT_AES_KEY", AES_KEY), Map.of(
                "wechat", """
                        kind: wechat
                        token: ${env:WECHAT_TOKEN}
                        appId: %s
                        maxBodyBytes: 8192
                        """.formatted(APP_ID),
                "wechat-safe", """
                        kind: wechat
                        token: ${env:WECHAT_TOKEN}
                        appId: %s
                        encodingAesKey: ${env:WECHAT_AES_KEY}
                        """.formatted(APP_ID)));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    void theUrlCheckEchoesEchostr() throws Exception {
        Query q = Query.signed(TOKEN, Instant.now());

        HttpResponse<String> response = daemon.get("/webhooks/wechat?" + q + "&echostr=7823546124853729481");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("7823546124853729481");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/plain"));
    }

    @Test
    void aUrlCheckWithAnotherTokensSignatureIs403() throws Exception {
        HttpResponse<String> forged = daemon.get("/webhooks/wechat?" + Query.signed("guess", Instant.now())
                + "&echostr=42");
        HttpResponse<String> unsigned = daemon.get("/webhooks/wechat?timestamp=" + Instant.now().getEpochSecond()
                + "&nonce=1&echostr=42");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).doesNotContain("42");
        assertThat(unsigned.statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedChineseTextMessageBecomesAClassifiedTicketAndIsAnsweredSuccess() throws Exception {
        String content = "我昨天充值了500元但是显示充值失败，交易号20240503123456，请尽快处理";

        HttpResponse<String> response = post("wechat", Query.signed(TOKEN, Instant.now()),
                textMessage("6054768590064713728", content, Instant.now()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("success");
        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("wechat");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("wechat:" + OPENID);
        assertThat(ticket.get("category").asText()).isEqualTo("topup");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo(content);
        assertThat(message.get("externalId").asText()).isEqualTo("6054768590064713728");
        assertThat(message.get("recipients").get(0).get("address").asText()).isEqualTo(ACCOUNT);
        assertThat(message.get("language").asText()).isEqualTo("zh");
    }

    @Test
    void weChatRetryingTheSameMessageIsADuplicate() throws Exception {
        String xml = textMessage("6054768590064713729", "转账失败了", Instant.now());

        // each retry comes with its own timestamp and nonce, and the same MsgId
        assertThat(post("wechat", Query.signed(TOKEN, Instant.now()), xml).statusCode()).isEqualTo(200);
        assertThat(post("wechat", Query.signed(TOKEN, Instant.now()), xml).statusCode()).isEqualTo(200);

        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        assertThat(daemon.ticket(tickets.get(0).get("id").asLong()).get("messages")).hasSize(1);
    }

    @Test
    void aForgedSignatureIs403AndAMissingOneIs401AndNothingIsStored() throws Exception {
        String xml = textMessage("6054768590064713730", "请把余额转给我", Instant.now());

        HttpResponse<String> forged = post("wechat", Query.signed("not-the-token", Instant.now()), xml);
        HttpResponse<String> unsigned = post("wechat", "timestamp=" + Instant.now().getEpochSecond() + "&nonce=5", xml);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).doesNotContain("余额");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aStaleOrFutureTimestampIs403EvenWhenSignedCorrectly() throws Exception {
        Instant now = Instant.now();
        Instant stale = now.minus(Duration.ofMinutes(6));
        Instant future = now.plus(Duration.ofMinutes(6));

        HttpResponse<String> replayed = post("wechat", Query.signed(TOKEN, stale),
                textMessage("6054768590064713731", "退款", stale));
        HttpResponse<String> ahead = post("wechat", Query.signed(TOKEN, future),
                textMessage("6054768590064713732", "退款", now));
        HttpResponse<String> oldMessage = post("wechat", Query.signed(TOKEN, now),
                textMessage("6054768590064713733", "退款", stale));
        HttpResponse<String> staleUrlCheck = daemon.get("/webhooks/wechat?" + Query.signed(TOKEN, stale)
                + "&echostr=1");

        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(replayed.body()).contains("timestamp");
        assertThat(ahead.statusCode()).isEqualTo(403);
        assertThat(oldMessage.statusCode()).isEqualTo(403);
        assertThat(oldMessage.body()).contains("CreateTime");
        assertThat(staleUrlCheck.statusCode()).isEqualTo(403);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void eventsAreAnsweredSuccessAndOpenNoTicket() throws Exception {
        String subscribe = """
                <xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>\
                <CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>\
                </xml>""".formatted(ACCOUNT, OPENID, Instant.now().getEpochSecond());

        HttpResponse<String> response = post("wechat", Query.signed(TOKEN, Instant.now()), subscribe);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("success");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aVoiceMessageIsStoredWithItsRecognitionAsText() throws Exception {
        String voice = """
                <xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>\
                <CreateTime>%d</CreateTime><MsgType><![CDATA[voice]]></MsgType>\
                <MediaId><![CDATA[MEDIA_ID_1]]></MediaId><Format><![CDATA[amr]]></Format>\
                <Recognition><![CDATA[我的账户被冻结了怎么解锁]]></Recognition><MsgId>6054768590064713740</MsgId></xml>"""
                .formatted(ACCOUNT, OPENID, Instant.now().getEpochSecond());

        assertThat(post("wechat", Query.signed(TOKEN, Instant.now()), voice).statusCode()).isEqualTo(200);

        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("category").asText()).isEqualTo("account_locked_frozen");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo("我的账户被冻结了怎么解锁");
        assertThat(message.get("headers").get("media-type").asText()).isEqualTo("voice");
        assertThat(message.get("headers").get("media-id").asText()).isEqualTo("MEDIA_ID_1");
    }

    @Test
    void aMessageWithoutMsgIdIs400NamingTheField() throws Exception {
        String xml = textMessage("X", "hello", Instant.now()).replace("<MsgId>X</MsgId>", "");

        HttpResponse<String> response = post("wechat", Query.signed(TOKEN, Instant.now()), xml);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"MsgId\"");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void brokenXmlAndDoctypesAre400AndReadNothing() throws Exception {
        String xxe = """
                <?xml version="1.0"?><!DOCTYPE xml [<!ENTITY leak SYSTEM "file:///etc/hostname">]>
                <xml><ToUserName>%s</ToUserName><FromUserName>%s</FromUserName><CreateTime>%d</CreateTime>\
                <MsgType>text</MsgType><Content>&leak;</Content><MsgId>6054768590064713750</MsgId></xml>"""
                .formatted(ACCOUNT, OPENID, Instant.now().getEpochSecond());

        HttpResponse<String> entity = post("wechat", Query.signed(TOKEN, Instant.now()), xxe);
        HttpResponse<String> broken = post("wechat", Query.signed(TOKEN, Instant.now()), "<xml><MsgType>text");

        assertThat(entity.statusCode()).isEqualTo(400);
        assertThat(entity.body()).contains("DOCTYPE");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("\"field\":\"body\"");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> response = daemon.post("/webhooks/wechat?" + Query.signed(TOKEN, Instant.now()),
                "application/json", Map.of(), "{\"MsgType\":\"text\"}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aSafeModeMessageIsDecryptedAndStored() throws Exception {
        Instant now = Instant.now();
        String inner = textMessage("6054768590064713760", "有人冒充客服骗了我2000元，请立即冻结账户", now);
        String encrypt = new WeChatCrypto(AES_KEY, APP_ID).encrypt(inner, random16());
        Query q = Query.signed(TOKEN, now);

        HttpResponse<String> response = post("wechat-safe", q + "&openid=" + OPENID + "&encrypt_type=aes"
                + "&msg_signature=" + WeChatSignature.compute(TOKEN, q.timestamp, q.nonce, encrypt),
                safeEnvelope(encrypt));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("success");
        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("channel").get("name").asText()).isEqualTo("wechat-safe");
        assertThat(ticket.get("category").asText()).isEqualTo("fraud_scam");
        assertThat(ticket.get("priority").asText()).isEqualTo("urgent");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo("有人冒充客服骗了我2000元，请立即冻结账户");
        assertThat(message.get("headers").get("wechat-encrypted").asText()).isEqualTo("aes");
    }

    @Test
    void safeModeRefusesAWrongMsgSignatureAndAnotherAccountsMessage() throws Exception {
        Instant now = Instant.now();
        String inner = textMessage("6054768590064713761", "余额不对", now);
        String encrypt = new WeChatCrypto(AES_KEY, APP_ID).encrypt(inner, random16());
        String otherAccount = new WeChatCrypto(AES_KEY, "wx0000000000000000").encrypt(inner, random16());
        Query q = Query.signed(TOKEN, now);

        HttpResponse<String> tampered = post("wechat-safe", q + "&encrypt_type=aes&msg_signature="
                + WeChatSignature.compute(TOKEN, q.timestamp, q.nonce, otherAccount), safeEnvelope(encrypt));
        HttpResponse<String> unsigned = post("wechat-safe", q + "&encrypt_type=aes", safeEnvelope(encrypt));
        HttpResponse<String> wrongAppId = post("wechat-safe", q + "&encrypt_type=aes&msg_signature="
                + WeChatSignature.compute(TOKEN, q.timestamp, q.nonce, otherAccount), safeEnvelope(otherAccount));
        HttpResponse<String> noKey = post("wechat", q + "&encrypt_type=aes&msg_signature="
                + WeChatSignature.compute(TOKEN, q.timestamp, q.nonce, encrypt), safeEnvelope(encrypt));

        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(wrongAppId.statusCode()).isEqualTo(403);
        assertThat(wrongAppId.body()).contains("AppID");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.body()).contains("\"field\":\"encrypt_type\"");
        assertThat(daemon.tickets()).isEmpty();
    }

    private HttpResponse<String> post(String channel, Object query, String xml) throws Exception {
        return daemon.post("/webhooks/" + channel + "?" + query, "text/xml", Map.of(), xml);
    }

    private static String textMessage(String msgId, String content, Instant created) {
        return """
                <xml><ToUserName><![CDATA[%s]]></ToUserName>
                <FromUserName><![CDATA[%s]]></FromUserName>
                <CreateTime>%d</CreateTime>
                <MsgType><![CDATA[text]]></MsgType>
                <Content><![CDATA[%s]]></Content>
                <MsgId>%s</MsgId>
                </xml>""".formatted(ACCOUNT, OPENID, created.getEpochSecond(), content, msgId);
    }

    private static String safeEnvelope(String encrypt) {
        return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                + "]]></Encrypt></xml>";
    }

    private static byte[] random16() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** The query string WeChat appends: timestamp, nonce and their signature under the token. */
    private record Query(String timestamp, String nonce, String signature) {

        static Query signed(String token, Instant at) {
            String timestamp = Long.toString(at.getEpochSecond());
            String nonce = Integer.toString(NONCES.incrementAndGet());
            return new Query(timestamp, nonce, WeChatSignature.compute(token, timestamp, nonce));
        }

        @Override
        public String toString() {
            return "signature=" + signature + "&timestamp=" + timestamp + "&nonce="
                    + URLEncoder.encode(nonce, StandardCharsets.UTF_8);
        }
    }
}
