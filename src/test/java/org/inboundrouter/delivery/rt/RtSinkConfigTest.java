package org.inboundrouter.delivery.rt;

import org.inboundrouter.config.ConfigProblem;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RtSinkConfigTest {

    @TempDir
    Path dir;

    private final Secrets secrets = new Secrets(Map.of("RT_PASSWORD", "s3cret", "RT_TOKEN", "1-2-abc"));

    private YamlFields yaml(String text) throws IOException {
        Path file = dir.resolve("rt.yaml");
        Files.writeString(file, text);
        return YamlFields.read(file);
    }

    @Test
    void readsAFullFile() throws IOException {
        YamlFields yaml = yaml("""
                baseUrl: https://rt.example.com/rt/
                queue: Wallet Support
                username: inbound-router
                password: ${env:RT_PASSWORD}
                syntheticDomain: Customers.Example.com
                timeout: 5s
                priorityUrgent: 99
                """);
        RtSinkConfig config = RtSinkConfig.read(yaml, secrets);

        assertThat(yaml.problems()).isEmpty();
        assertThat(config.baseUrl()).hasToString("https://rt.example.com/rt");
        assertThat(config.queue()).isEqualTo("Wallet Support");
        assertThat(config.password().value()).isEqualTo("s3cret");
        assertThat(config.token()).isNull();
        assertThat(config.syntheticDomain()).isEqualTo("customers.example.com");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.priorities()).isEqualTo(new RtPriorities(20, 50, 70, 99));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void aTokenAloneIsEnoughAndDefaultsApply() throws IOException {
        YamlFields yaml = yaml("baseUrl: https://rt.example.com\nqueue: Support\ntoken: ${env:RT_TOKEN}\n");
        RtSinkConfig config = RtSinkConfig.read(yaml, secrets);

        assertThat(yaml.problems()).isEmpty();
        assertThat(config.token().value()).isEqualTo("1-2-abc");
        assertThat(config.syntheticDomain()).isEqualTo("customers.invalid");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aLiteralPasswordIsFineForALoopbackRtOnly() throws IOException {
        YamlFields local = yaml("baseUrl: http://127.0.0.1:8081\nqueue: Support\nusername: u\npassword: pw\n");
        assertThat(RtSinkConfig.read(local, secrets)).isNotNull();
        assertThat(local.problems()).isEmpty();

        YamlFields remote = yaml("baseUrl: https://rt.example.com\nqueue: Support\nusername: u\npassword: pw\n");
        RtSinkConfig.read(remote, secrets);
        assertThat(remote.problems()).extracting(ConfigProblem::toString)
                .containsExactly(dir.resolve("rt.yaml") + ":4: password: a password for a remote RT must come from "
                        + "${env:NAME} or ${file:/path}, never from the config file itself");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        YamlFields yaml = yaml("""
                baseUrl: http://rt.example.com/REST/2.0
                username: u
                syntheticDomain: not a domain
                timeout: 10ms
                priorityHigh: -1
                """);
        assertThat(RtSinkConfig.read(yaml, secrets)).isNull();
        assertThat(yaml.problems()).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("baseUrl", "queue", "password", "syntheticDomain", "timeout",
                        "priorityHigh");
    }

    @Test
    void plainHttpToARemoteRtIsRefused() throws IOException {
        YamlFields yaml = yaml("baseUrl: http://rt.example.com\nqueue: Support\ntoken: ${env:RT_TOKEN}\n");
        RtSinkConfig.read(yaml, secrets);
        assertThat(yaml.problems()).extracting(ConfigProblem::message)
                .containsExactly("http sends the credentials in clear to a remote server; use https");
    }

    @Test
    void tokenAndPasswordTogetherAreAmbiguous() throws IOException {
        YamlFields yaml = yaml("baseUrl: https://rt.example.com\nqueue: S\nusername: u\npassword: ${env:RT_PASSWORD}\n"
                + "token: ${env:RT_TOKEN}\n");
        assertThat(RtSinkConfig.read(yaml, secrets)).isNull();
        assertThat(yaml.problems()).extracting(ConfigProblem::field).containsExactly("token");
    }
}
