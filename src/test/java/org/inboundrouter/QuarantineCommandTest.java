package org.inboundrouter;

import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code inbound-router quarantine} finds the admin listener and sends the token from the environment or a file. */
class QuarantineCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(QuarantineCommand.ApiCommand command, Map<String, String> environment, String... args) {
        out.reset();
        err.reset();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        command.api.environment = environment::get;
        return new CommandLine(command).execute(args);
    }

    @Test
    void listsWithAReadTokenAndRetriesOnlyWithAnOperateOne() throws Exception {
        try (TestDaemon daemon = TestDaemon.start(dir, Map.of(), Map.of())) {
            // the admin listener as the config directory names it
            Files.writeString(dir.resolve("config/application.properties"), "inbound.admin.port="
                    + daemon.adminPort() + "\n", java.nio.file.StandardOpenOption.APPEND);
            String config = dir.resolve("config").toString();

            assertThat(run(new QuarantineCommand.List(), Map.of(), "--config", config)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("INBOUND_ROUTER_TOKEN").contains("--token-file");

            assertThat(run(new QuarantineCommand.List(), Map.of("INBOUND_ROUTER_TOKEN", TestDaemon.READ_TOKEN),
                    "--config", config)).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 entries");

            assertThat(run(new QuarantineCommand.Retry(), Map.of("INBOUND_ROUTER_TOKEN", TestDaemon.READ_TOKEN),
                    "--config", config, "--all")).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("role operate");

            Path tokenFile = daemon.operateTokenFile();
            assertThat(run(new QuarantineCommand.Retry(), Map.of("INBOUND_ROUTER_TOKEN", "not-the-token"),
                    "--config", config, "--token-file", tokenFile.toString(), "--all"))
                    .as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing open");

            assertThat(run(new QuarantineCommand.List(), Map.of("INBOUND_ROUTER_TOKEN", "not-the-token"),
                    "--config", config)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown token");
        }
    }
}
