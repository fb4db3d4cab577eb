package org.inboundrouter.channel.form;

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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's help form: JSON or form posts with an API key, limited per key and per sender. */
class AppFormWebhookTest {

    private static final String KEY = "app-form-key-0123456789";
    private static final String OLD_KEY = "app-form-key-retiring-99";

    @TempDir
    Path dir;
    private TestDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("FORM_KEYS", KEY + "," + OLD_KEY), Map.of("help", """
                kind: app-form
                apiKeys: ${env:FORM_KEYS}
                perKeyLimit: 8
                perKeyPeriod: 1m
                perSenderLimit: 2
                perSenderPeriod: 10m
                """));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    private HttpResponse<String> json(String key, String body) throws Exception {
        return daemon.post("/webhooks/help", "application/json", Map.of("X-Api-Key", key), body);
    }

    @Test
    void aJsonSubmissionOpensATicketWithSubjectAndSender() throws Exception {
        HttpResponse<String> response = json(KEY, """
                {"submissionId":"f-1","email":"Li.Lei@Example.com","name":"李雷","subject":"充值问题",
                 "message":"昨天充值了200元，余额没有变化","userId":"u-981","appVersion":"5.2.1"}""");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode ticket = daemon.ticket(daemon.tickets().get(0).get("id").asLong());
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("form");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("li.lei@example.com");
        assertThat(ticket.get("subject").asText()).isEqualTo("充值问题");
        assertThat(ticket.get("messages").get(0).get("headers").get("user-id").asText()).isEqualTo("u-981");
    }

    @Test
    void aFormPostWithTheRetiringKeyWorksAndARetryIsADuplicate() throws Exception {
        String body = "submissionId=f-2&phone=" + URLEncoder.encode("+86 139 1234 5678", StandardCharsets.UTF_8)
                + "&message=" + URLEncoder.encode("无法登录，验证码收不到", StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = daemon.post("/webhooks/help", "application/x-www-form-urlencoded",
                    Map.of("Authorization", "Bearer " + OLD_KEY), body);
            assertThat(response.statusCode()).isEqualTo(202);
        }
        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).get("customer").get("address").asText()).isEqualTo("+8613912345678");
    }

    @Test
    void eachSubmissionIsATicketOfItsOwn() throws Exception {
        json(KEY, "{\"submissionId\":\"f-3\",\"email\":\"a@example.com\",\"message\":\"first\"}");
        json(KEY, "{\"submissionId\":\"f-4\",\"email\":\"a@example.com\",\"message\":\"second\"}");
        assertThat(daemon.tickets()).hasSize(2);
    }

    @Test
    void keysAreChecked() throws Exception {
        String body = "{\"email\":\"a@example.com\",\"message\":\"hi\"}";
        assertThat(daemon.post("/webhooks/help", "application/json", Map.of(), body).statusCode()).isEqualTo(401);
        assertThat(json("app-form-key-guessed-000", body).statusCode()).isEqualTo(403);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void invalidSubmissionsNameTheField() throws Exception {
        HttpResponse<String> noMessage = json(KEY, "{\"email\":\"a@example.com\"}");
        HttpResponse<String> noSender = json(KEY, "{\"message\":\"hello\"}");
        HttpResponse<String> badEmail = json(KEY, "{\"email\":\"not-an-address\",\"message\":\"hello\"}");

        assertThat(noMessage.statusCode()).isEqualTo(400);
        assertThat(noMessage.body()).contains("\"field\":\"message\"");
        assertThat(noSender.body()).contains("\"field\":\"email\"");
        assertThat(badEmail.body()).contains("\"field\":\"email\"");
        assertThat(daemon.post("/webhooks/help", "text/plain", Map.of("X-Api-Key", KEY), "hello").statusCode())
                .isEqualTo(415);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void senderAndKeyAreRateLimited() throws Exception {
        int[] statuses = new int[3];
        for (int i = 0; i < 3; i++) {
            statuses[i] = json(KEY, "{\"email\":\"spam@example.com\",\"message\":\"again " + i + "\"}").statusCode();
        }
        assertThat(statuses).containsExactly(202, 202, 429);

        int limited = 0;
        for (int i = 0; i < 8; i++) {
            int status = json(OLD_KEY, "{\"email\":\"u" + i + "@example.com\",\"message\":\"m\"}").statusCode();
            limited += status == 429 ? 1 : 0;
        }
        // eight per minute per key: the three above plus eight more with another key are counted separately
        assertThat(limited).isZero();
        assertThat(json(OLD_KEY, "{\"email\":\"u9@example.com\",\"message\":\"m\"}").statusCode()).isEqualTo(429);
    }
}
