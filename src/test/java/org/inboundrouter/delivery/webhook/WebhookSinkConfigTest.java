package org.inboundrouter.delivery.webhook;

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

class WebhookSinkConfigTest {

    private static final Secrets SECRETS = new Secrets(Map.of("HOOK_SECRET", "0123456789abcdef0123",
            "HOOK_AUTH", "Bearer abc", "SHORT", "short"));

    @TempDir
    Path dir;

    @Test
    void aWebhookSink() throws Exception {
        YamlFields yaml = yaml("crm-hook.yaml", """
                kind: webhook
                url: https://crm.example.com/hooks/tickets
                secret: ${env:HOOK_SECRET}
                authorization: ${env:HOOK_AUTH}
                timeout: 5s
                """);

        WebhookSinkConfig config = WebhookSinkConfig.read(yaml, SECRETS);

        assertThat(yaml.problems()).isEmpty();
        assertThat(config.secret().value()).isEqualTo("0123456789abcdef0123");
        assertThat(config.authorization().value()).isEqualTo("Bearer abc");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.toString()).doesNotContain("0123456789abcdef0123").doesNotContain("Bearer abc");
        assertThat(new WebhookSinkKind().read("crm-hook", yaml, SECRETS).name()).isEqualTo("crm-hook");
    }

    @Test
    void problems() throws Exception {
        YamlFields yaml = yaml("h.yaml", """
                url: http://crm.example.com/hooks
                secret: literal-secret-value-123
                timeout: 0s
                """);

        assertThat(WebhookSinkConfig.read(yaml, SECRETS)).isNull();

        assertThat(yaml.problems()).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("url", "timeout", "secret");
    }

    @Test
    void aShortSecretIsRefused() throws Exception {
        YamlFields yaml = yaml("h.yaml", """
                url: https://crm.example.com/hooks
                secret: ${env:SHORT}
                """);
        assertThat(WebhookSinkConfig.read(yaml, SECRETS)).isNull();
        assertThat(yaml.problems()).extracting(ConfigProblem::field).containsExactly("secret");
    }

    @Test
    void onThisMachineALiteralSecretAndHttpAreAccepted() throws Exception {
        YamlFields yaml = yaml("h.yaml", """
                url: http://127.0.0.1:9000/hooks
                secret: local-secret-0123456789
                """);
        assertThat(WebhookSinkConfig.read(yaml, SECRETS).secret().value()).isEqualTo("local-secret-0123456789");
        assertThat(yaml.problems()).isEmpty();
    }

    private YamlFields yaml(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return YamlFields.read(file);
    }
}
