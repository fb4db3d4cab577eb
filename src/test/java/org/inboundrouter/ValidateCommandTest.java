package org.inboundrouter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code validate} as a new user meets it: several mistakes in several files, all reported at once. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    private int validate(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        ValidateCommand command = new ValidateCommand();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CommandLine(command).execute("--config", dir.resolve("config").toString());
    }

    @Test
    void reportsAMalformedAdminTokenEntryWithFileAndLine() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("application.properties"), "inbound.classifier.taxonomy="
                + dir.resolve("none.yaml").toString().replace('\\', '/') + "\n");
        Path tokens = Files.writeString(config.resolve("admin-tokens"), "# name role hash\nok read "
                + org.inboundrouter.http.AdminTokens.hashOf("x") + "\nbroken operate sha256:12ab\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(validate(out, err)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(tokens + ":3: token: must be sha256:")
                .contains("1 problem in");
    }

    @Test
    void reportsEveryMistakeWithFileAndLine() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Path channels = Files.createDirectories(config.resolve("channels"));
        Path sinks = Files.createDirectories(config.resolve("sinks"));
        Path taxonomy = dir.resolve("taxonomy.yaml");
        Files.writeString(config.resolve("application.properties"), "inbound.http.port=eighty\n"
                + "inbound.classifier.taxonomy=" + taxonomy.toString().replace('\\', '/') + "\n");
        Files.writeString(channels.resolve("support.yaml"), "kind: imap\nhost: imap.example.com\nport: 99999\n"
                + "username: u\npassword: ${env:SURELY_NOT_SET_ANYWHERE}\n");
        Files.writeString(sinks.resolve("desk.yaml"), "kind: freshdesk\n");
        Files.writeString(taxonomy, "categories:\n  refund:\n    name: {zh: 退款, en: Refund}\n    priority: soon\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = validate(out, err);

        String report = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(report)
                .contains(config.resolve("application.properties") + ": inbound.http.port: must be a whole number")
                .contains(channels.resolve("support.yaml") + ":3: port: must be between 1 and 65535")
                .contains(channels.resolve("support.yaml") + ":5: password: environment variable "
                        + "SURELY_NOT_SET_ANYWHERE is not set")
                .contains(sinks.resolve("desk.yaml") + ":1: kind: unknown sink kind \"freshdesk\"")
                .contains(taxonomy + ":4");
    }

    @Test
    void theShippedConfigurationIsValid() throws Exception {
        Files.createDirectories(dir);
        copy(Path.of("config"), dir.resolve("config"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = validate(out, err);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("channel local-mailbox (email): ok")
                .contains("no problems");
    }

    @Test
    void theProductionExampleIsValidOnceItsSecretsExist() {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        for (String name : java.util.List.of("INBOUND_STORE_PASSWORD", "SUPPORT_IMAP_PASSWORD", "TWILIO_AUTH_TOKEN",
                "WECHAT_TOKEN", "RT_TOKEN")) {
            env.put(name, "example-secret-" + name.toLowerCase());
        }
        env.put("WECHAT_AES_KEY", "a".repeat(43));

        Configuration config = Configuration.load(Path.of("packaging/production/config"),
                new org.inboundrouter.config.Secrets(env));

        assertThat(config.settings().localMailServer()).isFalse();
        assertThat(config.channels()).extracting(c -> c.name()).containsExactly("sms", "support-mailbox", "wechat");
        assertThat(config.sinks()).extracting(s -> s.kind()).containsExactly("rt");
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
