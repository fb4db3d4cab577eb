package org.inboundrouter.channel.x;

import org.inboundrouter.config.ChannelConfig;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading x-dm and x-webhook files: defaults, secrets, the account id, and the shipped examples. */
class XChannelConfigTest {

    @TempDir
    Path dir;

    private final ChannelFiles files = new ChannelFiles(new Secrets(Map.of("CS", "consumer-secret-1",
            "TS", "token-secret-1")));

    @Test
    void theDeskAccountIdComesFromTheAccessToken() throws Exception {
        Files.writeString(dir.resolve("dm.yaml"), """
                kind: x-dm
                consumerKey: key-1
                consumerSecret: ${env:CS}
                accessToken: 4337869213-abcDEF123
                accessTokenSecret: ${env:TS}
                """);
        XDmConfig c = (XDmConfig) files.load(dir).get(0);
        assertThat(c.kind()).isEqualTo("x");
        assertThat(c.ownUserId()).isEqualTo("4337869213");
        assertThat(c.pollDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.consumerSecret().value()).isEqualTo("consumer-secret-1");
        assertThat(c.kameletParameters()).containsEntry("pollDelay", "60000").containsEntry("account", "4337869213");
        assertThat(c.toString()).doesNotContain("consumer-secret-1").doesNotContain("token-secret-1");
    }

    @Test
    void aTokenWithoutAccountIdNeedsOwnUserIdAndSecretsMustBeReferences() throws Exception {
        Files.writeString(dir.resolve("dm.yaml"), """
                kind: x-dm
                consumerKey: key-1
                consumerSecret: written-in-the-file
                accessToken: opaque-token
                accessTokenSecret: ${env:TS}
                pollDelay: 100ms
                """);
        ConfigException e = catchThrowableOfType(() -> files.load(dir), ConfigException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("consumerSecret").contains("ownUserId").contains("pollDelay")
                .doesNotContain("written-in-the-file");
    }

    @Test
    void aWebhookWithAnInvalidOwnUserIdIsRefused() throws Exception {
        Files.writeString(dir.resolve("hook.yaml"), """
                kind: x-webhook
                consumerSecret: ${env:CS}
                ownUserId: "@UpaySupport"
                """);
        ConfigException e = catchThrowableOfType(() -> files.load(dir), ConfigException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("hook.yaml:3").contains("ownUserId");
    }

    @Test
    void theShippedExamplesParseAndAreDisabled() throws Exception {
        Path channels = Files.createDirectories(dir.resolve("examples"));
        for (String example : List.of("x-dm-example.yaml", "x-webhook-example.yaml")) {
            Files.copy(Path.of("config/channels").resolve(example), channels.resolve(example));
        }
        List<ChannelConfig> all = new ChannelFiles(new Secrets(Map.of())).load(channels);
        assertThat(all).extracting(ChannelConfig::name).containsExactly("x-dm-example", "x-webhook-example");
        assertThat(all).allSatisfy(c -> {
            assertThat(c.enabled()).isFalse();
            assertThat(c.kind()).isEqualTo("x");
        });
    }
}
