package org.inboundrouter.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 through the whole daemon: webhooks only on the public listener, the API only on the admin one, bearer
 * tokens with roles, audit lines, Host allow-list, JSON-only changes, no CORS, JSON errors with a correct Allow.
 */
class HttpSurfaceTest {

    private static final String KEY = "surface-test-hmac-key";

    @TempDir
    Path dir;

    private TestDaemon daemon;
    private int seq;
    private ListAppender<ILoggingEvent> logs;

    @AfterEach
    void stop() throws Exception {
        if (logs != null) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private void start(String properties) throws Exception {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        daemon = TestDaemon.start(dir, Map.of("GW_KEY", KEY), Map.of("gw", """
                kind: sms-gateway
                auth: hmac
                secret: ${env:GW_KEY}
                """), properties);
    }

    private HttpResponse<String> sms(String text) throws Exception {
        byte[] body = Json.mapper().createObjectNode().put("id", "m" + (++seq)).put("from", "+8613800000077")
                .put("text", text).toString().getBytes(StandardCharsets.UTF_8);
        return daemon.post("/webhooks/gw", "application/json",
                Map.of("X-Signature", Hmac.hex(Hmac.sha256(KEY, body))), body);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static void assertJsonError(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).isNotBlank();
    }

    private List<String> lines(Level level, String logger) {
        return logs.list.stream().filter(e -> e.getLevel().equals(level) && e.getLoggerName().equals(logger))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void webhooksAreServedOnThePublicListenerOnlyAndTheApiOnTheAdminOneOnly() throws Exception {
        start("");
        assertThat(sms("我昨天充值了500元但是显示充值失败").statusCode()).isEqualTo(200);
        assertThat(daemon.awaitTickets(1)).hasSize(1);

        String publicBase = "http://127.0.0.1:" + daemon.port();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/api/tickets", "/health", "/metrics", "/health/live")) {
            HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(publicBase + path)).header("Authorization", "Bearer "
                    + TestDaemon.OPERATE_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertJsonError(r, 404);
        }
        // and no webhook on the admin listener, even with a token
        byte[] body = "{\"id\":\"x\",\"from\":\"+8613800000078\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> onAdmin = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + daemon.adminPort() + "/webhooks/gw"))
                .header("Authorization", "Bearer " + TestDaemon.OPERATE_TOKEN)
                .header("Content-Type", "application/json").header("X-Signature", Hmac.hex(Hmac.sha256(KEY, body)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertJsonError(onAdmin, 404);
        assertThat(daemon.tickets()).hasSize(1);
    }

    @Test
    void theApiNeedsATokenAndAReadTokenCannotChangeAnything() throws Exception {
        start("");
        assertThat(sms("我昨天充值了500元但是显示充值失败").statusCode()).isEqualTo(200);
        long ticket = daemon.awaitTickets(1).get(0).path("id").asLong();

        HttpResponse<String> none = daemon.get("/api/tickets", Map.of());
        assertJsonError(none, 401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        String wrong = "wrong-token-0123456789abcdefghijklmnopqrstuvwxyz";
        assertJsonError(daemon.get("/api/tickets", bearer(wrong)), 401);
        assertJsonError(daemon.get("/api/tickets", Map.of("Authorization", "Basic dXNlcjpwYXNz")), 401);
        for (String path : List.of("/health", "/health/ready", "/health/live", "/metrics", "/api/corrections",
                "/api/quarantine")) {
            assertJsonError(daemon.get(path, Map.of()), 401);
        }

        HttpResponse<String> read = daemon.get("/api/tickets", bearer(TestDaemon.READ_TOKEN));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(read.body())).hasSize(1);
        for (String path : List.of("/api/tickets/" + ticket, "/api/quarantine", "/api/corrections", "/health",
                "/metrics", "/api/suppressed")) {
            assertThat(daemon.get(path, bearer(TestDaemon.READ_TOKEN)).statusCode()).as(path).isIn(200, 503);
        }

        Map<String, String> readJson = Map.of("Authorization", "Bearer " + TestDaemon.READ_TOKEN,
                "Content-Type", "application/json");
        assertJsonError(daemon.send("POST", "/api/quarantine/retry-all", readJson, "{}"), 403);
        assertJsonError(daemon.send("POST", "/api/quarantine/1/retry", readJson, "{}"), 403);
        assertJsonError(daemon.send("PATCH", "/api/tickets/" + ticket, readJson, "{\"status\":\"closed\"}"), 403);
        assertThat(daemon.ticket(ticket).path("status").asText()).isEqualTo("open");

        // one WARN line per refusal, never the token
        List<String> warnings = lines(Level.WARN, "inbound.admin");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("401").contains("missing bearer token")
                .contains("/api/tickets"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("403").contains(TestDaemon.READ_NAME));
        assertThat(logs.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(wrong));
        assertThat(logs.list).noneSatisfy(e -> assertThat(e.getFormattedMessage())
                .contains(TestDaemon.READ_TOKEN));
        assertThat(lines(Level.INFO, "inbound.audit")).isEmpty();

        // operate may; each change is one audit line naming who, what and which ids
        Map<String, String> operateJson = Map.of("Authorization", "Bearer " + TestDaemon.OPERATE_TOKEN,
                "Content-Type", "application/json; charset=utf-8");
        assertThat(daemon.send("PATCH", "/api/tickets/" + ticket, operateJson, "{\"status\":\"closed\"}")
                .statusCode()).isEqualTo(200);
        assertThat(daemon.ticket(ticket).path("status").asText()).isEqualTo("closed");
        assertThat(daemon.send("POST", "/api/quarantine/retry-all", operateJson, "{}").statusCode()).isEqualTo(200);
        assertThat(lines(Level.INFO, "inbound.audit")).containsExactly(
                "audit: " + TestDaemon.OPERATE_NAME + " ticket.patch ticket " + ticket + ": status closed",
                "audit: " + TestDaemon.OPERATE_NAME + " quarantine.retry-all quarantine (none open): 0 retried");
    }

    @Test
    void healthLiveAndMetricsCanBeOpenedOneByOne() throws Exception {
        start("inbound.admin.open.health-live=true\ninbound.admin.open.metrics=true\n");
        assertThat(daemon.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = daemon.get("/metrics", Map.of());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE");
        assertJsonError(daemon.get("/health", Map.of()), 401);
        assertJsonError(daemon.get("/health/ready", Map.of()), 401);
        assertJsonError(daemon.get("/api/tickets", Map.of()), 401);
    }

    @Test
    void unknownHostHeadersAreRefusedOnTheAdminListener() throws Exception {
        start("");
        String ok = raw(daemon.adminPort(), "GET /api/tickets HTTP/1.1\r\nHost: localhost:" + daemon.adminPort()
                + "\r\nAuthorization: Bearer " + TestDaemon.READ_TOKEN + "\r\nConnection: close\r\n\r\n");
        assertThat(ok).startsWith("HTTP/1.1 200");
        assertThat(raw(daemon.adminPort(), "GET /api/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestDaemon.READ_TOKEN + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
        for (String host : List.of("evil.example", "evil.example:" + daemon.adminPort(), "127.0.0.1.evil.example")) {
            String refused = raw(daemon.adminPort(), "GET /api/tickets HTTP/1.1\r\nHost: " + host
                    + "\r\nAuthorization: Bearer " + TestDaemon.READ_TOKEN + "\r\nConnection: close\r\n\r\n");
            assertThat(refused).as(host).startsWith("HTTP/1.1 421").contains("application/json")
                    .contains("\"status\":421");
        }
        assertThat(lines(Level.WARN, "inbound.admin")).anySatisfy(w -> assertThat(w).contains("evil.example"));
    }

    @Test
    void changesNeedJsonAndNoCorsHeaderIsEverSent() throws Exception {
        start("");
        assertThat(sms("我昨天充值了500元但是显示充值失败").statusCode()).isEqualTo(200);
        long ticket = daemon.awaitTickets(1).get(0).path("id").asLong();
        String token = "Bearer " + TestDaemon.OPERATE_TOKEN;
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; b=x")) {
            assertJsonError(daemon.send("PATCH", "/api/tickets/" + ticket, Map.of("Authorization", token,
                    "Content-Type", type), "{\"status\":\"closed\"}"), 415);
            assertJsonError(daemon.send("POST", "/api/quarantine/retry-all", Map.of("Authorization", token,
                    "Content-Type", type), "{}"), 415);
        }
        assertJsonError(daemon.send("POST", "/api/quarantine/retry-all", Map.of("Authorization", token), null), 415);
        assertThat(daemon.ticket(ticket).path("status").asText()).isEqualTo("open");
        assertThat(lines(Level.INFO, "inbound.audit")).isEmpty();

        Map<String, String> preflight = Map.of("Origin", "http://127.0.0.1:9", "Access-Control-Request-Method",
                "POST", "Access-Control-Request-Headers", "content-type,authorization");
        for (HttpResponse<String> r : List.of(daemon.send("OPTIONS", "/api/quarantine/retry-all", preflight, null),
                daemon.get("/api/tickets", Map.of("Origin", "http://127.0.0.1:9", "Authorization", token)),
                daemon.send("OPTIONS", "/api/tickets/" + ticket, Map.of("Origin", "http://127.0.0.1:9",
                        "Authorization", token), null))) {
            assertThat(r.headers().map().keySet()).noneSatisfy(h -> assertThat(h.toLowerCase())
                    .startsWith("access-control-"));
        }
    }

    @Test
    void everyErrorIsJsonAndA405NamesWhatIsAllowed() throws Exception {
        start("");
        String token = "Bearer " + TestDaemon.OPERATE_TOKEN;
        assertJsonError(daemon.get("/api/nothing-here", Map.of("Authorization", token)), 404);
        assertJsonError(daemon.get("/webhooks/no-such-channel", Map.of()), 404);
        assertJsonError(daemon.get("/", Map.of()), 404);

        HttpResponse<String> delete = daemon.send("DELETE", "/api/tickets/1", Map.of("Authorization", token,
                "Content-Type", "application/json"), null);
        assertJsonError(delete, 405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, HEAD, PATCH");
        HttpResponse<String> getRetry = daemon.get("/api/quarantine/5/retry", Map.of("Authorization", token));
        assertJsonError(getRetry, 405);
        assertThat(getRetry.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> putWebhook = daemon.send("PUT", "/webhooks/gw", Map.of(), "{}");
        assertJsonError(putWebhook, 405);
        assertThat(putWebhook.headers().firstValue("Allow").orElse("")).contains("POST");

        // past the listener's body limit (1 MiB without channels asking for more)
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        assertJsonError(daemon.post("/webhooks/gw", "application/json", Map.of(), big), 413);
        assertJsonError(daemon.get("/api/tickets/abc", Map.of("Authorization", token)), 400);
        assertJsonError(daemon.get("/api/tickets/99999", Map.of("Authorization", token)), 404);

        String headersTooLarge = raw(daemon.port(), "GET /webhooks/gw HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "x".repeat(20_000) + "\r\n\r\n");
        assertThat(headersTooLarge).startsWith("HTTP/1.1 431").contains("\"status\":431");
        String garbage = raw(daemon.port(), "NOT HTTP AT ALL\r\n\r\n");
        assertThat(garbage).matches("(?s)HTTP/1.[01] 400 .*").contains("\"status\":400");
    }

    /** Sends {@code request} as it is and reads the answer until the server closes (or 5 s). */
    static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    answer.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // what came so far
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
