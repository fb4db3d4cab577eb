package org.inboundrouter.config;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code ${file:}} secrets others can read are named in a WARN; the settings that take secrets refuse literals. */
class SecretFilesTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Secrets.class);

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    private Secret resolve(Path file) {
        YamlFields yaml = YamlFields.detached(dir.resolve("channel.yaml"));
        Secret s = new Secrets(Map.of()).resolve("${file:" + file + "}", yaml, "password");
        assertThat(yaml.problems()).isEmpty();
        return s;
    }

    @Test
    void aSecretFileOthersCanReadIsNamedWithItsModeButNotItsContent() throws Exception {
        Path loose = Files.writeString(dir.resolve("imap-password"), "hunter2-very-secret\n");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(resolve(loose).value()).isEqualTo("hunter2-very-secret");
        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel().toString()).isEqualTo("WARN");
            assertThat(e.getFormattedMessage()).contains(loose.toString()).contains("0644")
                    .contains("every user of this machine").doesNotContain("hunter2");
        });
        resolve(loose); // read again when its channel file changes: said once
        assertThat(log.list).hasSize(1);

        Path group = Files.writeString(dir.resolve("group-readable"), "x");
        Files.setPosixFilePermissions(group, PosixFilePermissions.fromString("rw-r-----"));
        resolve(group);
        assertThat(log.list).hasSize(2);
        assertThat(log.list.get(1).getFormattedMessage()).contains("0640").contains("its group");
    }

    @Test
    void aPrivateSecretFileIsResolvedQuietly() throws Exception {
        Path tight = Files.writeString(dir.resolve("token"), "abc");
        Files.setPosixFilePermissions(tight, PosixFilePermissions.fromString("rw-------"));
        assertThat(resolve(tight).value()).isEqualTo("abc");
        assertThat(log.list).isEmpty();
    }

    @Test
    void theStoreKeyMustBeAReferenceAndLongEnough() throws Exception {
        Files.writeString(dir.resolve("application.properties"), "inbound.store.encryption-key=literal-key-123456\n");
        ConfigException literal = catchThrowableOfType(ConfigException.class,
                () -> AppSettings.load(dir, new Secrets(Map.of())));
        assertThat(literal.getMessage()).contains("inbound.store.encryption-key: must be ${env:NAME} or ${file:/path}")
                .doesNotContain("literal-key-123456");

        Files.writeString(dir.resolve("application.properties"), "inbound.store.encryption-key=${env:STORE_KEY}\n");
        ConfigException shortKey = catchThrowableOfType(ConfigException.class,
                () -> AppSettings.load(dir, new Secrets(Map.of("STORE_KEY", "short"))));
        assertThat(shortKey.getMessage()).contains("the key from env:STORE_KEY must be at least 16 characters");
        assertThat(AppSettings.load(dir, new Secrets(Map.of("STORE_KEY", "long-enough-key-42")))
                .storeEncryptionKey().value()).isEqualTo("long-enough-key-42");
    }

    @Test
    void aChannelFileCanNameTheLocalMailServersPortsAndNothingElse() throws Exception {
        Path channels = Files.createDirectories(dir.resolve("channels"));
        Files.writeString(channels.resolve("box.yaml"), "kind: imap\nhost: 127.0.0.1\ntls: none\n"
                + "port: ${inbound.local-mail-server.imap-port}\nusername: u\npassword: p\n");
        Files.writeString(dir.resolve("application.properties"), "inbound.local-mail-server.imap-port=4143\n");
        AppSettings settings = AppSettings.load(dir, new Secrets(Map.of()));
        List<ChannelConfig> loaded = new ChannelFiles(new Secrets(Map.of()), settings.channelPlaceholders())
                .load(channels);
        assertThat(((EmailChannelConfig) loaded.get(0)).port()).isEqualTo(4143);

        Files.writeString(channels.resolve("box.yaml"), "kind: imap\nhost: 127.0.0.1\ntls: none\n"
                + "port: ${inbound.http.port}\nusername: u\npassword: p\n");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ChannelFiles(new Secrets(Map.of()), settings.channelPlaceholders()).load(channels));
        assertThat(e.getMessage()).contains("box.yaml:4: port: ${inbound.http.port} is not a setting a channel file "
                + "can use (those are: inbound.local-mail-server.imap-port, inbound.local-mail-server.pop3-port, "
                + "inbound.local-mail-server.smtp-port)");
    }
}
