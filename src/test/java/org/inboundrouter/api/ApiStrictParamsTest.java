package org.inboundrouter.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input on the admin API (issue 16): path ids are parsed strictly ({@code /api/tickets/1%00} is not ticket 1),
 * and an unknown {@code status} filter is a 400 naming the allowed values, not an empty list.
 */
class ApiStrictParamsTest {

    private static final String KEY = "strict-params-test-hmac-key";

    @TempDir
    static Path dir;

    private static TestDaemon daemon;
    private static long ticket;

    @BeforeAll
    static void start() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("GW_KEY", KEY), Map.of("gw", """
                kind: sms-gateway
                auth: hmac
                secret: ${env:GW_KEY}
                """));
        byte[] body = Json.mapper().createObjectNode().put("id", "s1").put("from", "+8613800000001")
                .put("text", "my parcel never arrived").toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = daemon.post("/webhooks/gw", "application/json",
                Map.of("X-Signature", Hmac.hex(Hmac.sha256(KEY, body))), body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        ticket = daemon.awaitTickets(1).get(0).path("id").asLong();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static JsonNode badRequest(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = Json.mapper().readTree(answer.body());
        assertThat(body.path("status").asInt()).isEqualTo(400);
        return body;
    }

    @Test
    void theTicketItselfIsFound() throws Exception {
        HttpResponse<String> answer = daemon.get("/api/tickets/" + ticket);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(answer.body()).path("id").asLong()).isEqualTo(ticket);
    }

    @Test
    void aTicketIdIsParsedStrictly() throws Exception {
        for (String id : new String[] {ticket + "%00", "0" + ticket, ticket + "x", "-" + ticket, "+" + ticket,
                ticket + "%20", "%20" + ticket, ticket + "%09", "99999999999999999999", "0"}) {
            JsonNode error = badRequest(daemon.get("/api/tickets/" + id));
            assertThat(error.path("error").asText()).as(id).contains("id must be");
        }
        JsonNode error = badRequest(daemon.get("/api/tickets/" + ticket + "%00"));
        assertThat(error.path("error").asText()).contains(ticket + "\\u0000");
        assertThat(badRequest(daemon.get("/api/tickets/0" + ticket)).path("error").asText())
                .contains("\"0" + ticket + "\"");
    }

    @Test
    void aTicketPatchParsesItsIdStrictly() throws Exception {
        HttpResponse<String> answer = daemon.patch("/api/tickets/" + ticket + "%00", "{\"status\": \"closed\"}");
        badRequest(answer);
        assertThat(daemon.ticket(ticket).path("status").asText()).isEqualTo("open");
    }

    @Test
    void aQuarantineIdIsParsedStrictly() throws Exception {
        for (String path : new String[] {"/api/quarantine/1%00", "/api/quarantine/01", "/api/quarantine/1x",
                "/api/quarantine/-1"}) {
            assertThat(badRequest(daemon.get(path)).path("error").asText()).as(path).contains("id must be");
        }
        HttpResponse<String> retry = daemon.post("/api/quarantine/01/retry", "application/json", Map.of(), "{}");
        assertThat(badRequest(retry).path("error").asText()).contains("id must be");
        assertThat(daemon.get("/api/quarantine/1").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownTicketStatusIsABadRequest() throws Exception {
        JsonNode error = badRequest(daemon.get("/api/tickets?status=opne"));
        assertThat(error.path("error").asText()).contains("open, pending, closed").contains("\"opne\"");
        assertThat(Json.mapper().readTree(daemon.get("/api/tickets?status=open").body())).hasSize(1);
        assertThat(Json.mapper().readTree(daemon.get("/api/tickets?status=closed").body())).isEmpty();
    }

    @Test
    void anUnknownQuarantineStatusIsABadRequest() throws Exception {
        JsonNode error = badRequest(daemon.get("/api/quarantine?status=pending"));
        assertThat(error.path("error").asText()).contains("open, retried, resolved").contains("\"pending\"");
        HttpResponse<String> open = daemon.get("/api/quarantine?status=open");
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
    }
}
