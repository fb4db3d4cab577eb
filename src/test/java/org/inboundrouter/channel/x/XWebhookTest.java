package org.inboundrouter.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Account Activity webhook driven as X drives it: a CRC GET, and JSON POSTs signed with the consumer secret in
 * {@code x-twitter-webhooks-signature}. Signatures are computed here with the JDK directly, not with the channel's code.
 */
class XWebhookTest {

    private static final String SECRET = "z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu";
    private static final String DESK = "4337869213";
    private static final String CUSTOMER = "3001969357";

    @TempDir
    Path dir;
    private TestDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("X_CONSUMER_SECRET", SECRET), Map.of("x", """
                kind: x-webhook
                consumerSecret: ${env:X_CONSUMER_SECRET}
                maxBodyBytes: 65536
                """));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    void theChallengeResponseCheckIsAnsweredWithTheHmacOfTheToken() throws Exception {
        String token = "9b4507b3-9040-4669-9ca3-6b94edb50553";

        HttpResponse<String> response = daemon.get("/webhooks/x?crc_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&nonce=MTYyNjk4NjM0Mg");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.get("response_token").asText()).isEqualTo("sha256=" + hmacBase64(token));
        assertThat(response.body()).doesNotContain(SECRET);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aChallengeWithoutTokenIs400() throws Exception {
        HttpResponse<String> response = daemon.get("/webhooks/x");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"crc_token\"");
    }

    @Test
    void aSignedDirectMessageBecomesAClassifiedTicket() throws Exception {
        String body = delivery(DESK, event("1494130553112367108", CUSTOMER, DESK,
                "我的账户被盗了，有人转走了500元，请立即冻结！详情 https://t.co/AbCdEf", """
                ,"entities":{"hashtags":[],"symbols":[],"user_mentions":[],"urls":[{"url":"https://t.co/AbCdEf",
                "expanded_url":"https://example.cn/shot.png","display_url":"example.cn/shot.png","indices":[27,50]}]}"""));

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("x");
        assertThat(ticket.get("channel").get("name").asText()).isEqualTo("x");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("x:" + CUSTOMER);
        assertThat(ticket.get("category").asText()).isEqualTo("account_security");
        assertThat(ticket.get("priority").asText()).isEqualTo("urgent");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText())
                .isEqualTo("我的账户被盗了，有人转走了500元，请立即冻结！详情 https://example.cn/shot.png");
        assertThat(message.get("sender").get("address").asText()).isEqualTo("x:" + CUSTOMER);
        assertThat(message.get("sender").get("name").asText()).isEqualTo("Jordan Brinks (@furiouscamper)");
        assertThat(message.get("externalId").asText()).isEqualTo("1494130553112367108");
        assertThat(message.get("channel").get("kind").asText()).isEqualTo("x");
        assertThat(message.at("/conversation/threadKey").asText()).isEqualTo(CUSTOMER + "-" + DESK);
        assertThat(message.at("/recipients/0/address").asText()).isEqualTo("x:" + DESK);
        assertThat(message.at("/headers/x-account-id").asText()).isEqualTo(DESK);
        assertThat(message.get("sentAt").asText()).isEqualTo("2022-02-16T03:20:00Z");
    }

    @Test
    void ourOwnOutgoingMessagesAndOtherActivitiesOpenNoTicket() throws Exception {
        String outgoing = delivery(DESK, event("1494130553112367200", DESK, CUSTOMER, "您好，请提供交易号", ""));
        String typing = """
                {"for_user_id":"%s","direct_message_indicate_typing_events":[{"created_timestamp":"1518127183443",
                "sender_id":"%s","target":{"recipient_id":"%s"}}]}""".formatted(DESK, CUSTOMER, DESK);
        String follow = """
                {"for_user_id":"%s","follow_events":[{"type":"follow","created_timestamp":"1517588749178",
                "target":{"id":"%s"},"source":{"id":"%s"}}]}""".formatted(DESK, DESK, CUSTOMER);

        assertThat(postSigned(outgoing).statusCode()).isEqualTo(200);
        assertThat(postSigned(typing).statusCode()).isEqualTo(200);
        assertThat(postSigned(follow).statusCode()).isEqualTo(200);

        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void withOwnUserIdConfiguredDeliveriesForOtherSubscribedAccountsAreIgnored() throws Exception {
        try (TestDaemon own = TestDaemon.start(dir.resolve("own"), Map.of("X_CONSUMER_SECRET", SECRET),
                Map.of("x", "kind: x-webhook\nconsumerSecret: ${env:X_CONSUMER_SECRET}\nownUserId: \"" + DESK
                        + "\"\n"))) {
            String otherAccount = "999000111";
            String forOther = delivery(otherAccount, event("1494130553112367700", CUSTOMER, otherAccount, "hi", ""));
            String forUs = delivery(DESK, event("1494130553112367701", CUSTOMER, DESK, "忘记密码了", ""));
            String withoutForUserId = delivery(DESK, event("1494130553112367702", CUSTOMER, DESK, "验证码收不到", ""))
                    .replace("\"for_user_id\":\"" + DESK + "\",", "");

            assertThat(post(own, forOther).statusCode()).isEqualTo(200);
            assertThat(post(own, forUs).statusCode()).isEqualTo(200);
            assertThat(post(own, withoutForUserId).statusCode()).isEqualTo(200);

            JsonNode tickets = own.tickets();
            assertThat(tickets).hasSize(1);
            JsonNode messages = own.ticket(tickets.get(0).get("id").asLong()).get("messages");
            assertThat(messages).extracting(m -> m.get("externalId").asText())
                    .containsExactly("1494130553112367701", "1494130553112367702");
        }
    }

    @Test
    void withoutOwnUserIdOrForUserIdOurMessagesCannotBeToldApartSo400() throws Exception {
        String body = delivery(DESK, event("1494130553112367800", CUSTOMER, DESK, "hello", ""))
                .replace("\"for_user_id\":\"" + DESK + "\",", "");
        HttpResponse<String> response = postSigned(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"for_user_id\"");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aRedeliveryIsADuplicateAndLaterMessagesJoinTheTicket() throws Exception {
        String first = delivery(DESK, event("1494130553112367301", CUSTOMER, DESK, "转账失败了", ""));
        assertThat(postSigned(first).statusCode()).isEqualTo(200);
        assertThat(postSigned(first).statusCode()).isEqualTo(200);
        assertThat(postSigned(delivery(DESK, event("1494130553112367302", CUSTOMER, DESK, "交易号 20240503123456", "")))
                .statusCode()).isEqualTo(200);

        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode messages = daemon.ticket(tickets.get(0).get("id").asLong()).get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("externalId").asText()).isEqualTo("1494130553112367301");
        assertThat(messages.get(1).get("externalId").asText()).isEqualTo("1494130553112367302");
    }

    @Test
    void aForgedSignatureIs403AndNothingIsStored() throws Exception {
        String body = delivery(DESK, event("1494130553112367400", CUSTOMER, DESK, "退款什么时候到账", ""));
        String forged = "sha256=" + Base64.getEncoder().encodeToString(
                hmac("someone-elses-secret", body.getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> response = daemon.post("/webhooks/x", "application/json",
                Map.of("x-twitter-webhooks-signature", forged), body);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("退款").doesNotContain(SECRET);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aTamperedBodyIs403() throws Exception {
        String body = delivery(DESK, event("1494130553112367401", CUSTOMER, DESK, "查询余额", ""));
        String signature = signature(body);

        HttpResponse<String> response = daemon.post("/webhooks/x", "application/json",
                Map.of("x-twitter-webhooks-signature", signature), body.replace("查询余额", "请把余额转给我"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aMissingSignatureIs401() throws Exception {
        HttpResponse<String> response = daemon.post("/webhooks/x", "application/json", Map.of(),
                delivery(DESK, event("1494130553112367500", CUSTOMER, DESK, "hello", "")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aSignedEventWithoutSenderIs400NamingTheField() throws Exception {
        String body = delivery(DESK, event("1494130553112367600", CUSTOMER, DESK, "hello", "")
                .replace("\"sender_id\":\"" + CUSTOMER + "\",", ""));

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"direct_message_events[0].message_create.sender_id\"");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void signedNonJsonIs400() throws Exception {
        HttpResponse<String> response = postSigned("{\"for_user_id\":");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"body\"");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        String body = "for_user_id=" + DESK;
        HttpResponse<String> response = daemon.post("/webhooks/x", "application/x-www-form-urlencoded",
                Map.of("x-twitter-webhooks-signature", signature(body)), body);
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(daemon.tickets()).isEmpty();
    }

    /** An Account Activity delivery as documented: for_user_id, the events, the users map, the apps map. */
    private static String delivery(String forUser, String event) {
        return """
                {"for_user_id":"%s","direct_message_events":[%s],
                "apps":{"268278":{"id":"268278","name":"Twitter Web Client","url":"http://twitter.com"}},
                "users":{"%s":{"id":"%s","created_timestamp":"1422556069340","name":"Jordan Brinks",
                "screen_name":"furiouscamper","location":"Boulder, CO","protected":false,"verified":false,
                "followers_count":22,"friends_count":45,"statuses_count":494,
                "profile_image_url":"null","profile_image_url_https":"https://pbs.twimg.com/profile_images/1/a.png"},
                "%s":{"id":"%s","created_timestamp":"1444322285224","name":"Upay Support","screen_name":"UpaySupport",
                "protected":false,"verified":true,"followers_count":1500,"friends_count":3,"statuses_count":100}}}"""
                .formatted(forUser, event, CUSTOMER, CUSTOMER, DESK, DESK);
    }

    private static String event(String id, String sender, String recipient, String text, String extraData) {
        return """
                {"type":"message_create","id":"%s","created_timestamp":"1644981600000",
                "message_create":{"target":{"recipient_id":"%s"},"sender_id":"%s","source_app_id":"268278",
                "message_data":{"text":%s%s}}}""".formatted(id, recipient, sender, quote(text), extraData);
    }

    private static String quote(String text) {
        try {
            return Json.mapper().writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postSigned(String body) throws Exception {
        return post(daemon, body);
    }

    private static HttpResponse<String> post(TestDaemon target, String body) throws Exception {
        return target.post("/webhooks/x", "application/json",
                Map.of("x-twitter-webhooks-signature", signature(body)), body);
    }

    private static String signature(String body) throws Exception {
        return "sha256=" + Base64.getEncoder().encodeToString(hmac(SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hmacBase64(String token) throws Exception {
        return Base64.getEncoder().encodeToString(hmac(SECRET, token.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(String key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data);
    }
}
