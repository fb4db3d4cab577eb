package org.inboundrouter.channel.email;

import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.config.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The IDLE settings of a mailbox file. */
class MailboxFileTest {

    @TempDir
    Path dir;

    private final ChannelFiles files = new ChannelFiles(new Secrets(Map.of("PW", "pw")));

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("box.yaml"), yaml);
    }

    @Test
    void idleIsOnByDefaultAndRenewedEvery25Minutes() throws Exception {
        EmailChannelConfig c = (EmailChannelConfig) files.loadFile(write(
                "kind: imap\nhost: imap.example.com\nusername: u\npassword: ${env:PW}\n"));
        assertThat(c.idle()).isTrue();
        assertThat(c.idleRenew()).isEqualTo(Duration.ofMinutes(25));
    }

    @Test
    void idleCanBeSwitchedOffAndItsRenewalSet() throws Exception {
        EmailChannelConfig c = (EmailChannelConfig) files.loadFile(write(
                "kind: imap\nhost: imap.example.com\nusername: u\npassword: ${env:PW}\nidle: false\nidleRenew: 10m\n"));
        assertThat(c.idle()).isFalse();
        assertThat(c.idleRenew()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aRenewalPastTheServersLimitAndIdleOnPop3AreRefused() throws Exception {
        ConfigException late = catchThrowableOfType(ConfigException.class, () -> files.loadFile(write(
                "kind: imap\nhost: imap.example.com\nusername: u\npassword: ${env:PW}\nidleRenew: 30m\n")));
        assertThat(late.problems().toString()).contains("box.yaml:5: idleRenew: must be between 10s and 29m");

        ConfigException pop = catchThrowableOfType(ConfigException.class, () -> files.loadFile(write(
                "kind: pop3\nhost: pop.example.com\nusername: u\npassword: ${env:PW}\nidle: true\n")));
        assertThat(pop.problems().toString()).contains("box.yaml:5: idle: IMAP only");
    }
}
