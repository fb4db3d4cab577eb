package org.inboundrouter.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A generic SMS gateway posting JSON, once signed with HMAC-SHA256 and once with a bearer token. */
class SmsGatewayWebhookTest {

    private static final String KEY = "gateway-hmac-key-5d2a";
    private static final String TOKEN = "gateway-bearer-token-77c1";

    @TempDir
    Path dir;
    private TestDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("GW_KEY", KEY, "GW_TOKEN", TOKEN), Map.of(
                "gw", """
                        kind: sms-gateway
                        auth: hmac
                        secret: ${env:GW_KEY}
                        signatureHeader: X-Gateway-Signature
                        """,
                "gw-bearer", """
                        kind: sms-gateway
                        auth: bearer
                        secret: ${env:GW_TOKEN}
                        textField: content
                        fromField: sender
                        """));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    private HttpResponse<String> signed(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return daemon.post("/webhooks/gw", "application/json",
                Map.of("X-Gateway-Signature", "sha256=" + Hmac.hex(Hmac.sha256(KEY, body))), body);
    }

    @Test
    void aSignedMessageBecomesATicket() throws Exception {
        HttpResponse<String> response = signed("""
                {"id":"gw-1","from":"+8613912345678","to":"10690000","text":"提现一直没到账，银行卡尾号6688",
                 "timestamp":"2026-05-03T15:04:00+08:00"}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ticket = daemon.ticket(daemon.tickets().get(0).get("id").asLong());
        assertThat(ticket.get("channel").get("name").asText()).isEqualTo("gw");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("+8613912345678");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).contains("提现");
        assertThat(message.get("sentAt").asText()).isEqualTo("2026-05-03T07:04:00Z");
        assertThat(ticket.get("category").asText()).isNotEqualTo("other");
    }

    @Test
    void aBatchIsStoredWholeAndARetriedBatchAddsNothing() throws Exception {
        String batch = """
                [{"id":"gw-2","from":"+8613912340001","text":"余额不对"},
                 {"id":"gw-3","from":"+8613912340002","text":"how do I reset my password","timestamp":1746255840}]""";
        assertThat(signed(batch).statusCode()).isEqualTo(200);
        assertThat(signed(batch).statusCode()).isEqualTo(200);

        assertThat(daemon.tickets()).hasSize(2);
    }

    @Test
    void aWrongSignatureStoresNothing() throws Exception {
        byte[] body = "{\"id\":\"gw-4\",\"from\":\"+86139\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = daemon.post("/webhooks/gw", "application/json",
                Map.of("X-Gateway-Signature", Hmac.hex(Hmac.sha256("not-the-key", body))), body);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(daemon.post("/webhooks/gw", "application/json", Map.of(), body).statusCode()).isEqualTo(401);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void malformedPayloadsAre400NamingTheField() throws Exception {
        HttpResponse<String> missingFrom = signed("{\"id\":\"gw-5\",\"text\":\"hi\"}");
        HttpResponse<String> notJson = signed("{\"id\":");
        HttpResponse<String> badTime = signed("{\"id\":\"gw-6\",\"from\":\"+1\",\"text\":\"x\",\"timestamp\":\"yesterday\"}");
        HttpResponse<String> inBatch = signed("[{\"id\":\"gw-7\",\"from\":\"+1\",\"text\":\"x\"},{\"id\":\"gw-8\"}]");

        assertThat(missingFrom.statusCode()).isEqualTo(400);
        assertThat(missingFrom.body()).contains("\"field\":\"from\"");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("line 1");
        assertThat(badTime.body()).contains("\"field\":\"timestamp\"");
        assertThat(inBatch.body()).contains("\"field\":\"[1].from\"");
        assertThat(daemon.tickets()).as("a batch with a bad element stores none of it").isEmpty();
    }

    @Test
    void bearerTokenAndRenamedFields() throws Exception {
        String json = "{\"id\":\"b-1\",\"sender\":\"+447700900123\",\"content\":\"My card was stolen\"}";

        assertThat(daemon.post("/webhooks/gw-bearer", "application/json",
                Map.of("Authorization", "Bearer wrong-token"), json).statusCode()).isEqualTo(403);
        HttpResponse<String> ok = daemon.post("/webhooks/gw-bearer", "application/json",
                Map.of("Authorization", "Bearer " + TOKEN), json);

        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).get("priority").asText()).isEqualTo("urgent");
    }

    @Test
    void wrongContentTypeIs415AndUnknownPathIs404() throws Exception {
        byte[] body = "id=1".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = daemon.post("/webhooks/gw", "text/plain",
                Map.of("X-Gateway-Signature", Hmac.hex(Hmac.sha256(KEY, body))), body);
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(daemon.post("/webhooks/nope", "application/json", Map.of(), "{}").statusCode()).isEqualTo(404);
    }
}
