package org.inboundrouter.channel.meta;

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

/** {@code kind: meta} files: the shipped example loads, mistakes are named with their line. */
class MetaConfigTest {

    @TempDir
    Path dir;
    private final ChannelFiles files = new ChannelFiles(new Secrets(Map.of("SECRET", "s3cret-value")));

    @Test
    void theShippedExampleLoadsDisabled() throws Exception {
        Files.copy(Path.of("config/channels/whatsapp-example.yaml"), dir.resolve("whatsapp-example.yaml"));
        assertThat(files.load(dir)).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("whatsapp-example");
            assertThat(c.kind()).isEqualTo("whatsapp");
            assertThat(c.enabled()).isFalse();
        });
    }

    @Test
    void mistakesAreReportedWithTheirLinesAndNoSecret() throws Exception {
        Path typo = dir.resolve("meta.yaml");
        Files.writeString(typo, "kind: meta\nappSecret: ${env:SECRET}\nverifyTokn: ${env:SECRET}\n");
        Path literal = dir.resolve("literal.yaml");
        Files.writeString(literal, "kind: meta\nappSecret: 0123456789abcdef\nverifyToken: ${env:SECRET}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> files.load(dir));

        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(typo + ":3: verifyTokn: unknown setting"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(typo + ":").contains("verifyToken: required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(literal + ":2: appSecret: must be ${env:NAME}"));
        assertThat(e.getMessage()).doesNotContain("0123456789abcdef").doesNotContain("s3cret-value");
    }
}
