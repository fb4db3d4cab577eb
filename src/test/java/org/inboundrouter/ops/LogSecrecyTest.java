package org.inboundrouter.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the daemon logs at INFO and above about a webhook message: its id, never its text or the channel's secret. */
class LogSecrecyTest {

    private static final String KEY = "gateway-hmac-key-log-c41d";
    private static final String BODY_MARK = "BODYMARK-5e0a9";

    @TempDir
    Path dir;

    @Test
    void neitherTheBodyNorTheSecretIsLoggedAtInfo() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger camel = (Logger) LoggerFactory.getLogger("org.apache.camel");
        Level camelLevel = camel.getLevel();
        camel.setLevel(Level.INFO); // as the shipped logback.xml has it
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try (TestDaemon daemon = TestDaemon.start(dir, Map.of("GW_KEY", KEY), Map.of("gw", """
                kind: sms-gateway
                auth: hmac
                secret: ${env:GW_KEY}
                signatureHeader: X-Gateway-Signature
                """))) {
            byte[] body = ("{\"id\":\"log-1\",\"from\":\"+8613912345678\",\"text\":\"我的银行卡被盗刷了 " + BODY_MARK
                    + " 密码 " + KEY + "\"}").getBytes(StandardCharsets.UTF_8);
            assertThat(daemon.post("/webhooks/gw", "application/json",
                    Map.of("X-Gateway-Signature", "sha256=" + Hmac.hex(Hmac.sha256(KEY, body))), body).statusCode())
                    .isEqualTo(200);
            // a forged request is rejected with a WARN line, which must not quote it either
            assertThat(daemon.post("/webhooks/gw", "application/json",
                    Map.of("X-Gateway-Signature", "sha256=" + "0".repeat(64)), body).statusCode()).isEqualTo(403);
            daemon.awaitTickets(1);
            daemon.get("/health/ready");
            daemon.get("/metrics");
        } finally {
            root.detachAppender(logs);
            camel.setLevel(camelLevel);
        }

        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            if (!event.getLevel().isGreaterOrEqual(Level.INFO)) {
                continue;
            }
            lines.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                lines.add(t.getMessage());
            }
        }
        assertThat(lines).anyMatch(l -> l != null && l.startsWith("sms gw: message ")
                && l.contains("opened ticket #1"));
        assertThat(lines).filteredOn(l -> l != null && l.startsWith("sms gw: message ")).hasSize(1);
        assertThat(lines).anyMatch(l -> l != null && l.contains("rejected request with 403"));
        assertThat(lines).noneMatch(l -> l != null && (l.contains(BODY_MARK) || l.contains(KEY)
                || l.contains("银行卡被盗刷")));
    }
}
