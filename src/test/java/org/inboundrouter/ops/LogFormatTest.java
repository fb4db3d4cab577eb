package org.inboundrouter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogFormatTest {

    @TempDir
    Path dir;

    @AfterEach
    void backToPlain() {
        LogFormat.apply(LogFormat.Format.PLAIN);
    }

    @Test
    void jsonLinesParseAsJsonWithTheFormattedMessage() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LogFormat.apply(LogFormat.Format.JSON);
            Logger log = LoggerFactory.getLogger("inbound");
            log.info("{} {}: message {} opened ticket #{} category={}", "sms", "gw", "m-1", 7, "topup");
            log.warn("a \"quoted\"\nmulti-line 中文 message", new IllegalStateException("boom"));
        } finally {
            LogFormat.apply(LogFormat.Format.PLAIN);
            System.setOut(console);
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.mapper().readTree(line));
            }
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("level").asText()).isEqualTo("INFO");
        assertThat(lines.get(0).get("loggerName").asText()).isEqualTo("inbound");
        assertThat(lines.get(0).get("formattedMessage").asText())
                .isEqualTo("sms gw: message m-1 opened ticket #7 category=topup");
        assertThat(lines.get(0).get("timestamp").asLong()).isPositive();
        assertThat(lines.get(1).get("formattedMessage").asText()).isEqualTo("a \"quoted\"\nmulti-line 中文 message");
        assertThat(lines.get(1).get("throwable").toString()).contains("boom");
    }

    @Test
    void theOptionWinsOverTheSettingWhichWinsOverPlain() throws Exception {
        assertThat(LogFormat.choose(null, dir)).isEqualTo(LogFormat.Format.PLAIN);
        Files.writeString(dir.resolve("application.properties"), "inbound.log.format = json\n");
        assertThat(LogFormat.choose(null, dir)).isEqualTo(LogFormat.Format.JSON);
        assertThat(LogFormat.choose("plain", dir)).isEqualTo(LogFormat.Format.PLAIN);
        assertThatThrownBy(() -> LogFormat.choose("xml", dir))
                .hasMessage("log format must be plain or json, was \"xml\"");
    }
}
