package org.inboundrouter.channel.telegram;

import org.inboundrouter.config.ChannelConfig;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.ConfigProblem;
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

/** The two Telegram kinds' files: defaults, and a problem reported (never the secret) for each wrong setting. */
class TelegramConfigTest {

    private static final String TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

    @TempDir
    Path dir;
    private final ChannelFiles files = new ChannelFiles(new Secrets(Map.of(
            "BOT_TOKEN", TOKEN, "NOT_A_TOKEN", "hunter2-not-a-token", "HOOK_SECRET", "f3a9c1d27e5b4a0c9e8d7f6a5b4c3d2e",
            "SHORT_SECRET", "abc123")));

    @Test
    void aPolledBotGetsTelegramsDefaultsAndItsIdFromTheToken() throws Exception {
        write("bot.yaml", "kind: telegram\nbotToken: ${env:BOT_TOKEN}\n");

        TelegramBotConfig bot = (TelegramBotConfig) files.load(dir).get(0);

        assertThat(bot.kind()).isEqualTo("telegram");
        assertThat(bot.baseUri()).isEqualTo("https://api.telegram.org");
        assertThat(bot.pollTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bot.pollDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(bot.botId()).isEqualTo(7012345678L);
        assertThat(bot.toString()).doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0");
    }

    @Test
    void aPolledBotsMistakesAreReportedWithoutTheSecret() throws Exception {
        Path literal = write("literal.yaml", "kind: telegram\nbotToken: " + TOKEN + "\n");
        Path notToken = write("not-token.yaml", """
                kind: telegram
                botToken: ${env:NOT_A_TOKEN}
                baseUri: http://bot-api.example.com
                pollTimeout: 500ms
                pollIntervall: 5s
                """);

        List<String> problems = problems();

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(literal + ":2: botToken: must be ${env:NAME}"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(notToken + ":2: botToken: the value from env:NOT_A_TOKEN is not a bot token"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(notToken + ":3: baseUri: http sends the bot token"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(notToken + ":4: pollTimeout: must be whole seconds"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(notToken + ":5: pollIntervall: unknown setting"));
        assertThat(String.join("\n", problems)).doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0", "hunter2");
    }

    @Test
    void aWebhookBotNeedsAStrongSecretAndANumericBotId() throws Exception {
        write("hook.yaml", "kind: telegram-webhook\nsecretToken: ${env:HOOK_SECRET}\nbotId: 7012345678\n");
        assertThat(files.load(dir)).singleElement().satisfies(c -> {
            TelegramWebhookConfig hook = (TelegramWebhookConfig) c;
            assertThat(hook.botId()).isEqualTo(7012345678L);
            assertThat(hook.maxBodyBytes()).isEqualTo(1024 * 1024);
        });

        Path weak = write("weak.yaml", "kind: telegram-webhook\nsecretToken: ${env:SHORT_SECRET}\nbotId: \"@support_bot\"\n");
        List<String> problems = problems();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(weak + ":2: secretToken: is shorter than 16"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(weak + ":3: botId: must be the bot's numeric"));
        assertThat(String.join("\n", problems)).doesNotContain("abc123");
    }

    @Test
    void theShippedExamplesParseAndAreDisabled() {
        List<ChannelConfig> shipped = files.load(Path.of("config/channels"));
        assertThat(shipped).filteredOn(c -> c.name().startsWith("telegram-"))
                .extracting(ChannelConfig::name, ChannelConfig::enabled)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("telegram-bot-example", false),
                        org.assertj.core.groups.Tuple.tuple("telegram-webhook-example", false));
    }

    private List<String> problems() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> files.load(dir));
        assertThat(e).as("config problems").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
