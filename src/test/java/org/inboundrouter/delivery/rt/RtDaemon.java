package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole daemon fed by an {@code sms-gateway} channel ({@code gw}, HMAC-signed JSON) and delivering to the RT of a
 * {@link RequestTrackerExtension} through the sink file {@code config/sinks/rt.yaml}, with the outbox worked fast so
 * that a test converges in seconds.
 */
final class RtDaemon implements AutoCloseable {

    static final String KEY = "rt-daemon-test-hmac-key-4b1e";

    /**
     * The sink file's outbox settings. The breaker probes RT every {@code breakerOpenFor}, and each failed probe
     * spends an attempt of the oldest due item; with these short times a long outage spends attempts far faster than
     * the defaults (30 s, backoff up to 10 min) would, hence the high {@code maxAttempts}.
     */
    static final String FAST_OUTBOX = """
            pollInterval: 200ms
            retryBase: 500ms
            retryMax: 5s
            breakerOpenFor: 2s
            maxAttempts: 1000
            """;

    private final TestDaemon daemon;

    private RtDaemon(TestDaemon daemon) {
        this.daemon = daemon;
    }

    static RtDaemon start(Path dir, RequestTrackerExtension rt) throws Exception {
        Path sinks = Files.createDirectories(dir.resolve("config/sinks"));
        Files.writeString(sinks.resolve("rt.yaml"), "kind: rt\n"
                + "baseUrl: " + rt.baseUrl() + "\n"
                + "queue: Support\n"
                + "username: " + rt.username() + "\n"
                + "password: ${env:RT_PASSWORD}\n"
                + "timeout: 3s\n"
                + FAST_OUTBOX);
        return new RtDaemon(TestDaemon.start(dir, Map.of("GW_KEY", KEY, "RT_PASSWORD", rt.password()), Map.of("gw", """
                kind: sms-gateway
                auth: hmac
                secret: ${env:GW_KEY}
                """)));
    }

    TestDaemon http() {
        return daemon;
    }

    /** Posts one signed SMS; returns the daemon's answer. */
    HttpResponse<String> sms(String id, String from, String text) throws Exception {
        byte[] body = Json.mapper().createObjectNode().put("id", id).put("from", from).put("text", text).toString()
                .getBytes(StandardCharsets.UTF_8);
        return daemon.post("/webhooks/gw", "application/json",
                Map.of("X-Signature", Hmac.hex(Hmac.sha256(KEY, body))), body);
    }

    /** Every stored ticket with its messages, oldest first. */
    List<JsonNode> tickets() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode t : daemon.tickets()) {
            all.add(0, daemon.ticket(t.path("id").asLong()));
        }
        return all;
    }

    JsonNode quarantine(String status) throws Exception {
        return Json.mapper().readTree(daemon.get("/api/quarantine?status=" + status).body());
    }

    @Override
    public void close() throws Exception {
        daemon.close();
    }
}
