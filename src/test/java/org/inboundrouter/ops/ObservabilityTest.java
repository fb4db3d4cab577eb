package org.inboundrouter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole daemon: what /metrics and /health say about a message received, stored and delivered. */
class ObservabilityTest {

    private static final String KEY = "gateway-hmac-key-obs-7f3e";
    private static final String SINK_SECRET = "sink-secret-0123456789abcdef";
    private static final String GATEWAY = """
            kind: sms-gateway
            auth: hmac
            secret: ${env:GW_KEY}
            signatureHeader: X-Gateway-Signature
            """;

    @TempDir
    Path dir;
    private TestDaemon daemon;
    private HttpServer sink;
    private final AtomicInteger delivered = new AtomicInteger();

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (sink != null) {
            sink.stop(0);
        }
    }

    @Test
    void metricsCountAMessageByChannelCategoryAndOutcome() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("GW_KEY", KEY), Map.of("gw", GATEWAY));

        String sms = """
                {"id":"obs-1","from":"+8613912345678","text":"我昨天充值了500元但是显示充值失败，交易号20240503123456"}""";
        assertThat(signed(sms).statusCode()).isEqualTo(200);
        String category = daemon.awaitTickets(1).get(0).get("category").asText();
        assertThat(signed(sms).statusCode()).isEqualTo(200); // the platform delivers it again

        HttpResponse<String> metrics = daemon.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body())
                .contains("inbound_messages_received_total{channel=\"gw\",kind=\"sms\"} 2.0")
                .contains("inbound_messages_classified_total{category=\"" + category + "\"} 1.0")
                .contains("inbound_tickets_opened_total{channel=\"gw\"} 1.0")
                .contains("inbound_messages_suppressed_total{reason=\"duplicate\"} 1.0")
                .contains("inbound_receipt_to_stored_seconds_count{channel=\"gw\"} 1")
                .contains("inbound_receipt_to_stored_seconds_bucket{channel=\"gw\",le=\"60.0\"} 1")
                .contains("inbound_channel_up{channel=\"gw\",kind=\"sms\",mode=\"pushed\"} 1.0")
                .contains("inbound_quarantine_open 0.0");
    }

    @Test
    void aMailboxWhoseServerIsDownMakesTheDaemonUnreadyWhileAWebhookChannelKeepsDelivering() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        startSink();
        Path sinks = Files.createDirectories(dir.resolve("config/sinks"));
        Files.writeString(sinks.resolve("crm.yaml"), """
                kind: webhook
                url: http://127.0.0.1:%d/hooks/tickets
                secret: ${env:SINK_SECRET}
                pollInterval: 200ms
                """.formatted(sink.getAddress().getPort()));
        daemon = TestDaemon.start(dir, Map.of("GW_KEY", KEY, "SINK_SECRET", SINK_SECRET, "MAILBOX_PW", "mailbox-pw-42"),
                Map.of("gw", GATEWAY, "cn-mailbox", """
                        kind: imap
                        host: 127.0.0.1
                        port: %d
                        tls: none
                        username: support@localhost
                        password: ${env:MAILBOX_PW}
                        pollInterval: 200ms
                        """.formatted(closedPort)),
                "inbound.health.channel-failure-threshold=2\ninbound.channels.watch-interval=300ms\n");

        assertThat(signed("""
                {"id":"obs-2","from":"+8613912345678","text":"提现一直没到账"}""").statusCode()).isEqualTo(200);
        await(() -> delivered.get() == 1);

        // the channel check turns DOWN at the threshold (a camel-mail consumer's own check at its first failure)
        JsonNode ready = awaitReady(503, "channels", "DOWN");
        JsonNode channels = check(ready, "channels");
        assertThat(channels.get("message").asText()).contains("channel cn-mailbox (email): the last ")
                .contains("Connection refused").doesNotContain("channel gw");
        JsonNode mailbox = channels.get("details").get("channels").get("cn-mailbox");
        assertThat(mailbox.get("state").asText()).isEqualTo("DOWN");
        assertThat(mailbox.get("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(mailbox.has("lastSuccess")).isFalse();
        JsonNode gw = channels.get("details").get("channels").get("gw");
        assertThat(gw.get("state").asText()).isEqualTo("UP");
        assertThat(gw.get("mode").asText()).isEqualTo("pushed");
        assertThat(gw.get("lastReceive").asText()).isNotBlank();

        JsonNode crm = check(ready, "outbox").get("details").get("sinks").get("crm");
        assertThat(crm.get("pending").asInt()).isZero();
        assertThat(crm.get("breaker").asText()).isEqualTo("CLOSED");
        assertThat(check(ready, "quarantine").get("details").get("open").asInt()).isZero();
        assertThat(check(ready, "store").get("details").get("reachable").asBoolean()).isTrue();
        assertThat(ready.toString()).doesNotContain("mailbox-pw-42").doesNotContain(SINK_SECRET);

        String metrics = daemon.get("/metrics").body();
        assertThat(metrics).containsPattern(
                "inbound_channel_up\\{channel=\"cn-mailbox\",kind=\"email\",mode=\"(polled|connected)\"} 0.0")
                .contains("inbound_delivery_attempts_total{sink=\"crm\"} 1.0")
                .contains("inbound_stored_to_delivered_seconds_count{sink=\"crm\"} 1")
                .contains("inbound_outbox_pending{sink=\"crm\"} 0.0")
                .contains("inbound_delivery_breaker_state{sink=\"crm\",state=\"closed\"} 1.0");

        // the mailbox's file goes: the channel stops, and with it the reason to be unready
        Files.delete(dir.resolve("config/channels/cn-mailbox.yaml"));
        JsonNode after = awaitReady(200, "channels", "UP");
        assertThat(check(after, "channels").get("details").get("channels").has("cn-mailbox")).isFalse();
    }

    private HttpResponse<String> signed(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return daemon.post("/webhooks/gw", "application/json",
                Map.of("X-Gateway-Signature", "sha256=" + Hmac.hex(Hmac.sha256(KEY, body))), body);
    }

    private void startSink() throws Exception {
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/hooks/tickets", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                delivered.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        sink.start();
    }

    /** Waits until /health/ready answers {@code status} with check {@code id} in {@code state}. */
    private JsonNode awaitReady(int status, String id, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> r = daemon.get("/health/ready");
        while (!(r.statusCode() == status && check(Json.mapper().readTree(r.body()), id).get("state").asText()
                .equals(state)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = daemon.get("/health/ready");
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode health = Json.mapper().readTree(r.body());
        assertThat(check(health, id).get("state").asText()).as(r.body()).isEqualTo(state);
        return health;
    }

    private static JsonNode check(JsonNode health, String id) {
        for (JsonNode c : health.get("checks")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " in " + health);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
