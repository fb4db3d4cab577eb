package org.inboundrouter.channel.smtp;

import org.inboundrouter.config.ChannelConfig;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpListenerConfigTest {

    @TempDir
    Path dir;

    private ChannelConfig load(String yaml) throws Exception {
        Path file = dir.resolve("support-mx.yaml");
        Files.writeString(file, yaml);
        return new ChannelFiles(new Secrets(Map.of())).loadFile(file);
    }

    @Test
    void defaultsAreLoopbackSmtp25MiBAndTwentyConnections() throws Exception {
        SmtpListenerConfig c = (SmtpListenerConfig) load("""
                kind: smtp
                port: 2525
                acceptRecipients: support@example.com,help@example.com @example.cn
                """);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.protocol()).isEqualTo(SmtpListenerConfig.Protocol.SMTP);
        assertThat(c.maxMessageBytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(c.maxConnections()).isEqualTo(20);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.kind()).isEqualTo("email");
        assertThat(c.acceptRecipients().accepts("HELP@example.com")).isTrue();
        assertThat(c.acceptRecipients().accepts("anyone@example.cn")).isTrue();
        assertThat(c.acceptRecipients().accepts("anyone@sub.example.cn")).isFalse();
        assertThat(c.acceptRecipients().accepts("sales@example.com")).isFalse();
        assertThat(((SmtpListenerConfig) load("""
                kind: smtp
                port: 24
                protocol: lmtp
                maxMessageBytes: 10MB
                acceptRecipients: "@example.com"
                """)).maxMessageBytes()).isEqualTo(10_000_000L);
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        assertThatThrownBy(() -> load("""
                kind: smtp
                protocol: imap
                maxMessageBytes: 2GiB
                acceptRecipients: support, @
                maxConnections: 0
                requireTls: true
                tlsKeystorePassword: ${env:NOPE}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("port: required")
                .hasMessageContaining(":2: protocol: must be one of smtp, lmtp")
                .hasMessageContaining(":3: maxMessageBytes")
                .hasMessageContaining(":4: acceptRecipients: \"support\" is neither an address")
                .hasMessageContaining(":5: maxConnections")
                .hasMessageContaining(":6: requireTls: needs tlsKeystore")
                .hasMessageContaining(":7: tlsKeystorePassword: only with tlsKeystore");
    }

    @Test
    void theShippedExampleParses() throws Exception {
        Path example = Path.of("config/channels/smtp-listener-example.yaml");
        ChannelConfig c = new ChannelFiles(new Secrets(Map.of())).loadFile(example);
        assertThat(c).isInstanceOf(SmtpListenerConfig.class);
    }
}
