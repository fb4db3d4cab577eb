package org.inboundrouter;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.classify.LabelledExamples;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code inbound-router corrections export} against a running daemon, as {@code quarantine} works. */
class CorrectionsCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int export(String... args) {
        CorrectionsCommand.Export export = new CorrectionsCommand.Export();
        export.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        export.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        export.api.environment = name -> null;
        return new CommandLine(export).execute(args);
    }

    @Test
    void exportsTheDaemonsCorrectionsToStandardOutputOrAFile() throws Exception {
        try (TestDaemon daemon = TestDaemon.start(dir, Map.of("GW_KEY", "k"), Map.of("gw", """
                kind: sms-gateway
                auth: hmac
                secret: ${env:GW_KEY}
                """))) {
            byte[] body = Json.mapper().createObjectNode().put("id", "c1").put("from", "+8613800000021")
                    .put("text", "我昨天充值了500元但是显示充值失败").toString().getBytes(StandardCharsets.UTF_8);
            assertThat(daemon.post("/webhooks/gw", "application/json", Map.of("X-Signature",
                    Hmac.hex(Hmac.sha256("k", body))), body).statusCode()).isEqualTo(200);
            JsonNode ticket = daemon.tickets().get(0);
            assertThat(daemon.patch("/api/tickets/" + ticket.path("id").asLong(), "{\"category\": \"refund\"}")
                    .statusCode()).isEqualTo(200);
            String api = daemon.url("");
            String token = daemon.operateTokenFile().toString();

            assertThat(export("--api", api)).as("no token").isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs a token");
            err.reset();
            assertThat(export("--api", daemon.url(""), "--token-file", token)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo("text,category\r\n我昨天充值了500元但是显示充值失败,refund\r\n");

            Path file = dir.resolve("corrections.csv");
            assertThat(export("--api", daemon.url(""), "--token-file", token, "--since", "2000-01-01T00:00:00+08:00",
                    "--out", file.toString()))
                    .isZero();
            assertThat(LabelledExamples.readCsv(file)).containsExactly(
                    new LabelledExamples.Example("我昨天充值了500元但是显示充值失败", "refund"));
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("wrote " + file);

            out.reset();
            assertThat(export("--api", daemon.url(""), "--token-file", token, "--since", "2999-01-01")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("text,category\r\n");

            assertThat(export("--api", daemon.url(""), "--token-file", token, "--since", "last month")).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("since must be an ISO-8601 time");
        }
    }

    @Test
    void saysSoWhenNoDaemonAnswers() throws Exception {
        Path token = dir.resolve("t");
        java.nio.file.Files.writeString(token, TestDaemon.OPERATE_TOKEN);
        assertThat(export("--api", "http://127.0.0.1:" + TestDaemon.freePort(), "--token-file", token.toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no daemon answers");
    }
}
