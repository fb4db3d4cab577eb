package org.inboundrouter.store;

import org.inboundrouter.config.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** inbound.store.encryption-key: the file is AES-encrypted, opens only with its key, and hides what it holds. */
class EncryptedStoreTest {

    private static final String KEY = "correct-horse-battery-staple-42";
    private static final String MARKER = "PLAINTEXT-MARKER-0815-ACCOUNT-STOLEN";

    @TempDir
    Path dir;

    private static void write(Database db) throws Exception {
        db.inTransaction(c -> {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS probe (text VARCHAR(200))");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO probe VALUES (?)")) {
                s.setString(1, MARKER);
                return s.executeUpdate();
            }
        });
    }

    private static String read(Database db) throws Exception {
        return db.read(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT text FROM probe")) {
                return r.next() ? r.getString(1) : null;
            }
        });
    }

    private static boolean fileHolds(Path data, String text) throws Exception {
        byte[] file = Files.readAllBytes(data.resolve("inbound-router.mv.db"));
        String asLatin1 = new String(file, StandardCharsets.ISO_8859_1);
        return asLatin1.contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anEncryptedStoreOpensWithItsKeyOnlyAndItsFileHidesTheText() throws Exception {
        Path data = dir.resolve("data");
        try (Database db = Database.embedded(data, KEY)) {
            write(db);
        }
        assertThat(fileHolds(data, MARKER)).as("marker in the encrypted file").isFalse();

        try (Database db = Database.embedded(data, KEY)) {
            assertThat(read(db)).isEqualTo(MARKER);
        }

        StartupException without = catchThrowableOfType(StartupException.class, () -> Database.embedded(data));
        assertThat(without.getMessage()).isEqualTo("cannot open the embedded store "
                + data.toAbsolutePath().resolve("inbound-router.mv.db")
                + ": it is encrypted (or damaged): set inbound.store.encryption-key to its key");

        StartupException wrong = catchThrowableOfType(StartupException.class,
                () -> Database.embedded(data, "another-key-of-enough-length"));
        assertThat(wrong.getMessage()).endsWith(
                ": inbound.store.encryption-key is not the key it was encrypted with, or it is not encrypted")
                .doesNotContain("\n").doesNotContain("another-key");
    }

    @Test
    void withoutAKeyTheMarkerIsInTheFileSoTheCheckAboveCanFail() throws Exception {
        Path data = dir.resolve("plain");
        try (Database db = Database.embedded(data)) {
            write(db);
        }
        assertThat(fileHolds(data, MARKER)).isTrue();
        StartupException withKey = catchThrowableOfType(StartupException.class, () -> Database.embedded(data, KEY));
        assertThat(withKey.getMessage()).endsWith("or it is not encrypted");
    }
}
