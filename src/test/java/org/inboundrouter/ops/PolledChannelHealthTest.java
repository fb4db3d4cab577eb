package org.inboundrouter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channels the daemon connects out from: their failed attempts reach the channel's health, and no health answer (the
 * daemon's checks nor Camel's consumer checks) quotes their secrets, such as the token that the Telegram Bot API puts
 * in every request URL.
 */
class PolledChannelHealthTest {

    private static final String TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

    @TempDir
    Path dir;
    private HttpServer api;
    private TestDaemon daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (api != null) {
            api.stop(0);
        }
    }

    @Test
    void failedPollsShowWithoutTheToken() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = ("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized "
                        + exchange.getRequestURI() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        api.start();
        daemon = TestDaemon.start(dir, Map.of("BOT_TOKEN", TOKEN), Map.of("support-bot", """
                kind: telegram
                botToken: ${env:BOT_TOKEN}
                baseUri: http://127.0.0.1:%d
                pollTimeout: 1s
                pollDelay: 50ms
                """.formatted(api.getAddress().getPort())), "inbound.health.channel-failure-threshold=2\n");

        JsonNode bot = null;
        HttpResponse<String> ready = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            ready = daemon.get("/health/ready");
            bot = channel(Json.mapper().readTree(ready.body()), "support-bot");
            if (bot != null && bot.get("state").asText().equals("DOWN")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(bot).as(ready.body()).isNotNull();
        assertThat(bot.get("state").asText()).as(ready.body()).isEqualTo("DOWN");
        assertThat(bot.get("mode").asText()).isEqualTo("polled");
        assertThat(bot.get("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(ready.statusCode()).isEqualTo(503);
        String secretPart = TOKEN.substring(TOKEN.indexOf(':') + 1);
        assertThat(ready.body()).doesNotContain(secretPart);
        assertThat(daemon.get("/health").body()).doesNotContain(secretPart);
        assertThat(daemon.get("/metrics").body()).doesNotContain(secretPart)
                .contains("inbound_channel_up{channel=\"support-bot\",kind=\"telegram\",mode=\"polled\"} 0.0");
    }

    @Test
    void anSmscThatCannotBeReachedShowsFailedBindsButSilenceDoesNot() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        daemon = TestDaemon.start(dir, Map.of("SMSC_PASSWORD", "pw991122"), Map.of("smsc", """
                kind: smpp
                host: 127.0.0.1
                port: %d
                systemId: desk
                password: ${env:SMSC_PASSWORD}
                bindType: receiver
                reconnectDelay: 200ms
                """.formatted(closedPort)), "inbound.health.channel-failure-threshold=2\n");

        JsonNode smsc = null;
        String body = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            body = daemon.get("/health/ready").body();
            smsc = channel(Json.mapper().readTree(body), "smsc");
            if (smsc != null && smsc.get("state").asText().equals("DOWN")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(smsc).as(body).isNotNull();
        assertThat(smsc.get("state").asText()).as(body).isEqualTo("DOWN");
        assertThat(smsc.get("mode").asText()).isEqualTo("connected");
        assertThat(smsc.get("problem").asText()).contains("connection attempts failed").contains("Connection refused");
        assertThat(smsc.has("stale")).isFalse();
        assertThat(body).doesNotContain("pw991122");
    }

    private static JsonNode channel(JsonNode health, String name) {
        for (JsonNode c : health.get("checks")) {
            if (c.get("id").asText().equals("channels")) {
                return c.get("details").get("channels").get(name);
            }
        }
        return null;
    }
}
