package org.inboundrouter.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.classify.LabelledExamples;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Corrections from agents are labels (issue 14), through the whole daemon: {@code PATCH /api/tickets/{id}} with a
 * category, and {@code GET /api/corrections} as CSV (read back by eval's reader) and as JSON.
 */
class CorrectionsApiTest {

    private static final String KEY = "corrections-test-hmac-key";

    @TempDir
    Path dir;

    private TestDaemon daemon;
    private int seq;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** The daemon with an sms-gateway channel {@code gw} and the built-in taxonomy (or {@code properties}). */
    private void start(String properties) throws Exception {
        daemon = TestDaemon.start(dir, Map.of("GW_KEY", KEY), Map.of("gw", """
                kind: sms-gateway
                auth: hmac
                secret: ${env:GW_KEY}
                """), properties, Map.of("agent-li", LI_TOKEN, "agent-wang", WANG_TOKEN));
    }

    private static final String LI_TOKEN = "agent-li-token-0123456789abcdefghijklmnopqrstuvw";
    private static final String WANG_TOKEN = "agent-wang-token-0123456789abcdefghijklmnopqrstuv";

    /** Posts a signed SMS; returns the id of the ticket it went to. */
    private long sms(String from, String text) throws Exception {
        byte[] body = Json.mapper().createObjectNode().put("id", "s" + (++seq)).put("from", from).put("text", text)
                .toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = daemon.post("/webhooks/gw", "application/json",
                Map.of("X-Signature", Hmac.hex(Hmac.sha256(KEY, body))), body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (JsonNode t : daemon.tickets()) {
            if (t.path("customer").path("address").asText().equals(from)) {
                return t.path("id").asLong();
            }
        }
        throw new AssertionError("no ticket of " + from + " in " + daemon.tickets());
    }

    /**
     * A PATCH with the token of {@code actor} (agent-li, agent-wang), else the test daemon's operate token. It also
     * carries the X-Inbound-Actor header that named who before tokens: it must be ignored.
     */
    private HttpResponse<String> patch(long ticket, String json, String actor) throws Exception {
        String token = actor == null ? TestDaemon.OPERATE_TOKEN : Map.of("agent-li", LI_TOKEN, "agent-wang",
                WANG_TOKEN).get(actor);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(daemon.url("/api/tickets/" + ticket)))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("X-Inbound-Actor", "spoofed")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode correctionsJson(String query) throws Exception {
        HttpResponse<String> answer = daemon.get("/api/corrections?format=json" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.mapper().readTree(answer.body());
    }

    @Test
    void aCategoryPatchRecordsOneCorrectionAndTheExportLabelsTheMessageWithIt() throws Exception {
        start("");
        String text = "我昨天充值了500元但是显示充值失败，交易号20240503123456";
        long ticket = sms("+8613800000001", text);
        sms("+8613800000001", "退款什么时候到账？");
        assertThat(daemon.ticket(ticket).path("category").asText()).as("the classifier's").isEqualTo("topup");
        Instant before = Instant.now();

        HttpResponse<String> answer = patch(ticket, "{\"category\": \"refund\"}", "agent-li");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode shown = Json.mapper().readTree(answer.body());
        assertThat(shown.path("category").asText()).isEqualTo("refund");
        assertThat(shown.path("categories").get(0).asText()).isEqualTo("refund");
        assertThat(shown.path("status").asText()).isEqualTo("open");
        assertThat(daemon.ticket(ticket).path("category").asText()).isEqualTo("refund");
        assertThat(Json.mapper().readTree(daemon.get("/api/tickets?category=refund").body())).hasSize(1);
        assertThat(daemon.ticket(ticket).path("messages").get(0).path("classification").path("category").asText())
                .as("the classifier's verdict stays with the message").isEqualTo("topup");

        JsonNode rows = correctionsJson("");
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.path("id").asLong()).isPositive();
        assertThat(row.path("ticketId").asLong()).isEqualTo(ticket);
        assertThat(row.path("messageId").asText())
                .isEqualTo(daemon.ticket(ticket).path("messages").get(0).path("id").asText());
        assertThat(row.path("oldCategory").asText()).isEqualTo("topup");
        assertThat(row.path("newCategory").asText()).isEqualTo("refund");
        assertThat(row.path("correctedBy").asText()).isEqualTo("agent-li");
        assertThat(row.path("source").asText()).isEqualTo("api");
        assertThat(row.path("correctedAt").asText()).endsWith("Z");
        assertThat(Instant.parse(row.path("correctedAt").asText())).isBetween(before.minusSeconds(1),
                Instant.now().plusSeconds(1));

        HttpResponse<String> csv = daemon.get("/api/corrections");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("text/csv;charset=utf-8"));
        assertThat(csv.body()).isEqualTo("text,category\r\n" + text + ",refund\r\n");

        Path file = Files.write(dir.resolve("corrections.csv"), daemon.get("/api/corrections").body()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(LabelledExamples.readCsv(file)).containsExactly(new LabelledExamples.Example(text, "refund"));
    }

    @Test
    void theSameCategoryAgainRecordsNothingAndAnotherOneRecordsAgain() throws Exception {
        start("");
        long ticket = sms("+8613800000002", "我昨天充值了500元但是显示充值失败");

        assertThat(patch(ticket, "{\"category\": \"topup\"}", null).statusCode()).as("what it is already")
                .isEqualTo(200);
        assertThat(correctionsJson("")).isEmpty();

        assertThat(patch(ticket, "{\"category\": \"refund\"}", null).statusCode()).isEqualTo(200);
        assertThat(patch(ticket, "{\"category\": \"refund\"}", null).statusCode()).isEqualTo(200);
        JsonNode rows = correctionsJson("");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("correctedBy").asText()).as("the token's name, not the header")
                .isEqualTo(TestDaemon.OPERATE_NAME);

        assertThat(patch(ticket, "{\"category\": \"withdrawal\", \"status\": \"pending\"}", "agent-wang")
                .statusCode()).isEqualTo(200);
        rows = correctionsJson("");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).path("oldCategory").asText()).isEqualTo("refund");
        assertThat(rows.get(1).path("newCategory").asText()).isEqualTo("withdrawal");
        assertThat(daemon.ticket(ticket).path("status").asText()).isEqualTo("pending");

        // one example per message, with its final label
        assertThat(daemon.get("/api/corrections").body())
                .isEqualTo("text,category\r\n我昨天充值了500元但是显示充值失败,withdrawal\r\n");
        assertThat(correctionsJson("&limit=1")).hasSize(1);
        assertThat(correctionsJson("&since=" + rows.get(1).path("correctedAt").asText())).hasSize(1);
        assertThat(correctionsJson("&since=2999-01-01")).isEmpty();
    }

    @Test
    void anUnknownCategoryIs400NamingItAndTheAllowedOnesAndChangesNothing() throws Exception {
        start("");
        long ticket = sms("+8613800000003", "我昨天充值了500元但是显示充值失败");

        HttpResponse<String> answer = patch(ticket, "{\"category\": \"refunds\", \"status\": \"closed\"}", null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = Json.mapper().readTree(answer.body());
        assertThat(error.path("status").asInt()).isEqualTo(400);
        assertThat(error.path("error").asText()).contains("\"refunds\"").contains("refund, ").contains("topup")
                .contains("withdrawal").contains("other");
        JsonNode shown = daemon.ticket(ticket);
        assertThat(shown.path("category").asText()).isEqualTo("topup");
        assertThat(shown.path("status").asText()).as("nothing changes").isEqualTo("open");
        assertThat(correctionsJson("")).isEmpty();

        assertThat(patch(ticket, "{\"category\": 7}", null).statusCode()).isEqualTo(400);
        assertThat(patch(ticket, "{}", null).statusCode()).isEqualTo(400);
        assertThat(patch(999_999, "{\"category\": \"refund\"}", null).statusCode()).isEqualTo(404);
        assertThat(daemon.get("/api/corrections?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(daemon.get("/api/corrections?format=xml").statusCode()).isEqualTo(400);
        assertThat(daemon.get("/api/corrections?limit=0").statusCode()).isEqualTo(400);
        assertThat(patch(ticket, "{\"status\": \"closed\"}", null).statusCode()).as("status alone as before")
                .isEqualTo(200);
        assertThat(daemon.ticket(ticket).path("status").asText()).isEqualTo("closed");
    }

    @Test
    void thePriorityFollowsTheNewCategoryUnlessUrgencyRaisedIt() throws Exception {
        start("");
        long plain = sms("+8613800000004", "我昨天充值了500元但是显示充值失败");
        long raised = sms("+8613800000005", "我昨天充值了500元但是显示充值失败，请立即处理，紧急");
        assertThat(daemon.ticket(plain).path("priority").asText()).isEqualTo("normal");
        String raisedPriority = daemon.ticket(raised).path("priority").asText();
        assertThat(raisedPriority).as("topup is normal; urgency words raise it").isIn("high", "urgent");

        patch(plain, "{\"category\": \"account_closure\"}", null);
        patch(raised, "{\"category\": \"account_closure\"}", null);
        assertThat(daemon.ticket(plain).path("priority").asText()).as("account_closure's default").isEqualTo("low");
        assertThat(daemon.ticket(raised).path("priority").asText()).as("kept").isEqualTo(raisedPriority);

        patch(plain, "{\"category\": \"fraud_scam\"}", null);
        assertThat(daemon.ticket(plain).path("priority").asText()).isEqualTo("urgent");
    }

    @Test
    void aCategoryAddedToTheRunningDaemonsTaxonomyIsAcceptedOnceInForce() throws Exception {
        Path taxonomy = dir.resolve("taxonomy.yaml");
        Files.writeString(taxonomy, "categories:\n  refund:\n    keywords:\n      zh: {退款: 3}\n  other: {}\n");
        start("inbound.classifier.taxonomy=" + taxonomy.toString().replace('\\', '/') + "\n");
        long ticket = sms("+8613800000006", "退款还没到");
        assertThat(patch(ticket, "{\"category\": \"withdrawal\"}", null).statusCode()).isEqualTo(400);

        Files.writeString(taxonomy, "categories:\n  refund:\n    keywords:\n      zh: {退款: 3}\n"
                + "  withdrawal:\n    priority: high\n    keywords:\n      zh: {提现: 3}\n  other: {}\n");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> answer = patch(ticket, "{\"category\": \"withdrawal\"}", null);
        while (answer.statusCode() == 400 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = patch(ticket, "{\"category\": \"withdrawal\"}", null);
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(daemon.ticket(ticket).path("priority").asText()).isEqualTo("high");
        assertThat(correctionsJson("")).extracting(r -> r.path("newCategory").asText())
                .containsExactly("withdrawal");
    }
}
