package org.inboundrouter.channel.wechat;

import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.ConfigProblem;
import org.inboundrouter.config.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code kind: wechat} files: the shipped example loads, mistakes are named with their line. */
class WeChatConfigTest {

    @TempDir
    Path dir;
    private final ChannelFiles files = new ChannelFiles(new Secrets(Map.of("TOKEN", "t0ken",
            "SHORT_KEY", "tooShort", "AES_KEY", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")));

    @Test
    void theShippedExamplesLoadDisabled() throws Exception {
        Files.copy(Path.of("config/channels/wechat-example.yaml"), dir.resolve("wechat-example.yaml"));
        assertThat(files.load(dir)).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("wechat-example");
            assertThat(c.kind()).isEqualTo("wechat");
            assertThat(c.enabled()).isFalse();
        });
    }

    @Test
    void aSafeModeChannelLoads() throws Exception {
        Files.writeString(dir.resolve("wx.yaml"), "kind: wechat\ntoken: ${env:TOKEN}\nappId: wx5823bf96d3bd56c7\n"
                + "encodingAesKey: ${env:AES_KEY}\n");
        assertThat(files.load(dir)).singleElement().isInstanceOfSatisfying(WeChatConfig.class, c -> {
            assertThat(c.encodingAesKey().value()).hasSize(43);
            assertThat(c.appId()).isEqualTo("wx5823bf96d3bd56c7");
        });
    }

    @Test
    void mistakesAreReportedWithTheirLinesAndNoSecret() throws Exception {
        Path literal = dir.resolve("literal.yaml");
        Files.writeString(literal, "kind: wechat\ntoken: plainTextToken\n");
        Path badKey = dir.resolve("badkey.yaml");
        Files.writeString(badKey, "kind: wechat\ntoken: ${env:TOKEN}\nencodingAesKey: ${env:SHORT_KEY}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> files.load(dir));

        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(literal + ":2: token: must be ${env:NAME}"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(badKey + ":3: encodingAesKey: must be the"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(badKey + ":").contains("appId: required"));
        assertThat(e.getMessage()).doesNotContain("plainTextToken").doesNotContain("tooShort").doesNotContain("t0ken");
    }
}
