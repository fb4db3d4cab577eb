package org.inboundrouter.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.security.RequestValidator;
import org.inboundrouter.channel.webhook.FormBody;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A Twilio number's Messaging webhook, driven as Twilio drives it: form POSTs signed with the auth token. */
class TwilioSmsWebhookTest {

    private static final String TOKEN = "test-auth-token-8b1f";
    private static final String PUBLIC_URL = "https://desk.example.com/webhooks/sms";

    @TempDir
    Path dir;
    private TestDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("TWILIO_AUTH_TOKEN", TOKEN), Map.of("sms", """
                kind: twilio-sms
                authToken: ${env:TWILIO_AUTH_TOKEN}
                publicUrl: %s
                maxBodyBytes: 4096
                """.formatted(PUBLIC_URL)));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    void aSignedChineseSmsBecomesAClassifiedTicketAndGetsEmptyTwiml() throws Exception {
        Map<String, String> sms = sms("SM0001", "+8613800138000", "我的账户被盗了，有人转走了500元，请立即冻结！");

        HttpResponse<String> response = postSigned(sms);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
        assertThat(response.body()).contains("<Response>").doesNotContain("<Message>");
        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("sms");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("+8613800138000");
        assertThat(ticket.get("category").asText()).isEqualTo("account_security");
        assertThat(ticket.get("priority").asText()).isEqualTo("urgent");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo("我的账户被盗了，有人转走了500元，请立即冻结！");
        assertThat(message.get("externalId").asText()).isEqualTo("SM0001");
        assertThat(message.get("language").asText()).isEqualTo("zh");
    }

    @Test
    void twilioRetryingTheSameMessageIsADuplicate() throws Exception {
        Map<String, String> sms = sms("SM0002", "+8613800138001", "转账失败了");
        assertThat(postSigned(sms).statusCode()).isEqualTo(200);
        assertThat(postSigned(sms).statusCode()).isEqualTo(200);

        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        assertThat(daemon.ticket(tickets.get(0).get("id").asLong()).get("messages")).hasSize(1);
    }

    @Test
    void laterTextsFromTheSameNumberJoinItsOpenTicket() throws Exception {
        postSigned(sms("SM0003", "+14155550100", "My card payment failed twice"));
        postSigned(sms("SM0004", "+14155550100", "Card ending in 4242"));
        postSigned(sms("SM0005", "+14155550199", "How do I top up?"));

        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(2);
        Map<String, Integer> messagesByCustomer = new LinkedHashMap<>();
        for (JsonNode t : tickets) {
            messagesByCustomer.put(t.get("customer").get("address").asText(),
                    daemon.ticket(t.get("id").asLong()).get("messages").size());
        }
        assertThat(messagesByCustomer).containsEntry("+14155550100", 2).containsEntry("+14155550199", 1);
    }

    @Test
    void aForgedSignatureIsRefusedAndNothingIsStored() throws Exception {
        Map<String, String> sms = sms("SM0006", "+8613800138002", "退款什么时候到账");
        String body = form(sms);
        String forged = TwilioSignature.compute("someone-elses-token", PUBLIC_URL, FormBody.parse(bytes(body)));

        HttpResponse<String> response = daemon.post("/webhooks/sms", "application/x-www-form-urlencoded",
                Map.of("X-Twilio-Signature", forged), body);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("X-Twilio-Signature").doesNotContain("退款");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aTamperedBodyIsRefused() throws Exception {
        Map<String, String> sms = sms("SM0007", "+8613800138003", "查询余额");
        String signature = signature(sms);
        sms.put("Body", "请把余额转给我");

        HttpResponse<String> response = daemon.post("/webhooks/sms", "application/x-www-form-urlencoded",
                Map.of("X-Twilio-Signature", signature), form(sms));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aMissingSignatureIs401() throws Exception {
        HttpResponse<String> response = daemon.post("/webhooks/sms", "application/x-www-form-urlencoded", Map.of(),
                form(sms("SM0008", "+8613800138004", "hello")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> response = daemon.post("/webhooks/sms", "application/json",
                Map.of("X-Twilio-Signature", "x"), "{\"Body\":\"hi\"}");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aSignedRequestWithoutMessageSidIs400NamingTheField() throws Exception {
        Map<String, String> sms = sms("SM0009", "+8613800138005", "hello");
        sms.remove("MessageSid");

        HttpResponse<String> response = postSigned(sms);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"MessageSid\"");
        assertThat(daemon.tickets()).isEmpty();
    }

    /**
     * Hostile input (issue 16): a second {@code Body=} is covered by the signature (it signs every parameter), but which
     * one is the message is ambiguous; a 400 naming the field, nothing stored.
     */
    @Test
    void aSignedRequestWithARepeatedFieldIs400NamingTheField() throws Exception {
        String body = form(sms("SM0011", "+8613800138007", "the first text")) + "&Body="
                + URLEncoder.encode("a second text", StandardCharsets.UTF_8);
        String signature = TwilioSignature.compute(TOKEN, PUBLIC_URL, FormBody.parse(bytes(body)));

        HttpResponse<String> response = daemon.post("/webhooks/sms", "application/x-www-form-urlencoded",
                Map.of("X-Twilio-Signature", signature), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"Body\"").contains("Body");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aBodyOverTheChannelLimitIs413() throws Exception {
        Map<String, String> sms = sms("SM0010", "+8613800138006", "很长".repeat(300));

        HttpResponse<String> response = postSigned(sms);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(daemon.tickets()).isEmpty();
    }

    private static Map<String, String> sms(String sid, String from, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ToCountry", "US");
        p.put("SmsMessageSid", sid);
        p.put("NumMedia", "0");
        p.put("SmsSid", sid);
        p.put("SmsStatus", "received");
        p.put("Body", body);
        p.put("To", "+15005550006");
        p.put("NumSegments", "1");
        p.put("MessageSid", sid);
        p.put("AccountSid", "AC00000000000000000000000000000000");
        p.put("From", from);
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    private HttpResponse<String> postSigned(Map<String, String> params) throws Exception {
        return daemon.post("/webhooks/sms", "application/x-www-form-urlencoded",
                Map.of("X-Twilio-Signature", signature(params)), form(params));
    }

    /** Signed with our implementation and checked with Twilio's own validator, so the two cannot drift apart. */
    private static String signature(Map<String, String> params) throws Exception {
        String signature = TwilioSignature.compute(TOKEN, PUBLIC_URL, FormBody.parse(bytes(form(params))));
        assertThat(new RequestValidator(TOKEN).validate(PUBLIC_URL, params, signature))
                .as("Twilio's RequestValidator accepts the signature").isTrue();
        return signature;
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
