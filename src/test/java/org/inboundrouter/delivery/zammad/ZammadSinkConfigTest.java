package org.inboundrouter.delivery.zammad;

import org.inboundrouter.config.ConfigProblem;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ZammadSinkConfigTest {

    private static final Secrets SECRETS = new Secrets(Map.of("ZAMMAD_TOKEN", "tok-123", "ZAMMAD_PW", "pw-456"));

    @TempDir
    Path dir;

    @Test
    void aTokenSink() throws Exception {
        YamlFields yaml = yaml("zammad-cn.yaml", """
                kind: zammad
                baseUrl: https://desk.example.com/
                token: ${env:ZAMMAD_TOKEN}
                group: Support
                timeout: 20s
                """);

        ZammadSinkConfig config = ZammadSinkConfig.read(yaml, SECRETS);

        assertThat(yaml.problems()).isEmpty();
        assertThat(config.baseUrl()).hasToString("https://desk.example.com");
        assertThat(config.authorization()).isEqualTo("Token token=tok-123");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.tagPrefix()).isEqualTo("inbound-router-");
        assertThat(config.toString()).doesNotContain("tok-123");
        assertThat(new ZammadSinkKind().read("zammad-cn", yaml, SECRETS).name()).isEqualTo("zammad-cn");
        assertThat(new ZammadSinkKind().fields()).contains("baseUrl", "group").doesNotContain("kind");
    }

    @Test
    void basicAuth() throws Exception {
        YamlFields yaml = yaml("z.yaml", """
                baseUrl: https://desk.example.com
                user: router@example.com
                password: ${env:ZAMMAD_PW}
                group: Users
                """);

        ZammadSinkConfig config = ZammadSinkConfig.read(yaml, SECRETS);

        assertThat(yaml.problems()).isEmpty();
        assertThat(config.authorization()).isEqualTo("Basic cm91dGVyQGV4YW1wbGUuY29tOnB3LTQ1Ng==");
    }

    @Test
    void everyProblemIsReported() throws Exception {
        YamlFields yaml = yaml("z.yaml", """
                baseUrl: http://desk.example.com
                token: tok-literal
                user: someone
                tagPrefix: Not Valid
                timeout: 0s
                """);

        assertThat(ZammadSinkConfig.read(yaml, SECRETS)).isNull();

        assertThat(yaml.problems()).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("baseUrl", "group", "token", "tagPrefix", "timeout");
    }

    @Test
    void aLiteralTokenIsRefusedForARemoteServerButNotForThisMachine() throws Exception {
        YamlFields remote = yaml("a.yaml", """
                baseUrl: https://desk.example.com
                token: tok-literal
                group: Users
                """);
        ZammadSinkConfig.read(remote, SECRETS);
        assertThat(remote.problems()).extracting(ConfigProblem::field).containsExactly("token");
        assertThat(remote.problems().get(0).toString()).doesNotContain("tok-literal");

        YamlFields local = yaml("b.yaml", """
                baseUrl: http://127.0.0.1:3000
                token: tok-literal
                group: Users
                """);
        assertThat(ZammadSinkConfig.read(local, SECRETS).authorization()).isEqualTo("Token token=tok-literal");
        assertThat(local.problems()).isEmpty();
    }

    @Test
    void anUnsetVariableIsReported() throws Exception {
        YamlFields yaml = yaml("z.yaml", """
                baseUrl: https://desk.example.com
                token: ${env:NOT_SET}
                group: Users
                """);

        assertThat(ZammadSinkConfig.read(yaml, SECRETS)).isNull();
        assertThat(yaml.problems()).extracting(ConfigProblem::message)
                .containsExactly("environment variable NOT_SET is not set");
    }

    @Test
    void missingCredentials() throws Exception {
        YamlFields yaml = yaml("z.yaml", """
                baseUrl: https://desk.example.com
                group: Users
                """);
        assertThat(ZammadSinkConfig.read(yaml, SECRETS)).isNull();
        assertThat(yaml.problems()).extracting(ConfigProblem::field).containsExactly("token");
    }

    private YamlFields yaml(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return YamlFields.read(file);
    }
}
