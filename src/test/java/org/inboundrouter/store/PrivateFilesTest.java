package org.inboundrouter.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.inboundrouter.config.StartupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The embedded store's directory is the daemon's alone: 0700, its files 0600, a loose one named in a WARN. */
class PrivateFilesTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(DataDirectory.class);

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewDataDirectoryIs0700AndTheStoreFiles0600() throws Exception {
        Path data = dir.resolve("var/data");
        try (Database db = Database.embedded(data)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("inbound-router.mv.db"))).isEqualTo("rw-------");
            Files.writeString(data.resolve("inbound-router.trace.db"), "as H2 writes one after an error\n");
        }
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) {
                assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------");
            }
        }
        assertThat(log.list).isEmpty();
    }

    @Test
    void anExistingDirectoryOthersCanReadIsNamedWithItsModeAndItsFilesAreMadePrivate() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (Database db = Database.embedded(data)) {
            // as the issue found it: data/ 0755, inbound-router.mv.db 0644
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        log.list.clear();
        Files.setPosixFilePermissions(data.resolve("inbound-router.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        try (Database db = Database.embedded(data)) {
            assertThat(mode(data.resolve("inbound-router.mv.db"))).isEqualTo("rw-------");
        }
        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel().toString()).isEqualTo("WARN");
            assertThat(e.getFormattedMessage()).contains(data.toAbsolutePath().toString()).contains("0755")
                    .contains("chmod 700");
        });
        // the operator's choice for the directory stands (a group may be meant to back it up)
        assertThat(mode(data)).isEqualTo("rwxr-xr-x");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneSentenceNamingItAndTheCause() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "");
        Path data = file.resolve("data");
        StartupException e = catchThrowableOfType(StartupException.class, () -> Database.embedded(data));
        assertThat(e.getMessage()).isEqualTo("cannot use the data directory " + data.toAbsolutePath()
                + ": a part of " + data.toAbsolutePath() + " is a file, not a directory");
        assertThat(e.getMessage()).doesNotContain("\n");
    }
}
