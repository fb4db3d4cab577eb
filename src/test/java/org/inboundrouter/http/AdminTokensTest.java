package org.inboundrouter.http;

import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.Secrets;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tokens file: hashes only, references to secrets, every malformed line reported with file and line. */
class AdminTokensTest {

    @TempDir
    Path dir;

    @Test
    void tokensAreFoundByTheirHashOnlyAndCarryTheirRole() throws Exception {
        String alice = AdminTokens.newToken();
        String fromEnv = AdminTokens.newToken();
        Path secret = Files.writeString(dir.resolve("grafana.token"), AdminTokens.hashOf("grafana-token-"
                + "0123456789abcdefghijklmnop") + "\n");
        Path file = Files.writeString(dir.resolve("admin-tokens"), "# who role hash\n\nalice operate "
                + AdminTokens.hashOf(alice) + "\nci read ${env:CI_TOKEN}\ngrafana read ${file:" + secret + "}\n");
        AdminTokens tokens = AdminTokens.load(file, new Secrets(Map.of("CI_TOKEN", fromEnv)));

        assertThat(alice).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.find(alice)).hasValueSatisfying(t -> {
            assertThat(t.name()).isEqualTo("alice");
            assertThat(t.role()).isEqualTo(AdminTokens.Role.OPERATE);
        });
        assertThat(tokens.find(fromEnv)).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("ci"));
        assertThat(tokens.find("grafana-token-0123456789abcdefghijklmnop"))
                .hasValueSatisfying(t -> assertThat(t.role()).isEqualTo(AdminTokens.Role.READ));
        assertThat(tokens.find(AdminTokens.hashOf(alice))).as("the hash is not a token").isEmpty();
        assertThat(tokens.find(alice + "x")).isEmpty();
        assertThat(tokens.find("")).isEmpty();
        assertThat(AdminTokens.Role.OPERATE.allows(AdminTokens.Role.READ)).isTrue();
        assertThat(AdminTokens.Role.READ.allows(AdminTokens.Role.OPERATE)).isFalse();
        assertThat(Files.readString(file)).doesNotContain(alice);
    }

    @Test
    void everyMalformedLineIsReportedWithItsNumberAndWithoutItsValue() throws Exception {
        String pasted = "pasted-the-token-itself-0123456789abcdefghij";
        Path file = Files.writeString(dir.resolve("admin-tokens"), String.join("\n",
                "# comment",
                "alice operate " + AdminTokens.hashOf("a"),
                "bob admin " + AdminTokens.hashOf("b"),
                "carol read " + pasted,
                "alice read " + AdminTokens.hashOf("c"),
                "dave read",
                "erin read ${env:MISSING_TOKEN}",
                "bad/name read " + AdminTokens.hashOf("d")) + "\n");
        assertThatThrownBy(() -> AdminTokens.load(file, new Secrets(Map.of())))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(p -> p.line()).containsExactly(3, 4, 5, 6, 7, 8);
                    assertThat(e.problems().get(0).toString()).isEqualTo(file + ":3: role: must be read or operate,"
                            + " was \"admin\"");
                    assertThat(e.getMessage()).doesNotContain(pasted).contains("MISSING_TOKEN")
                            .contains("named twice").contains("three fields");
                });
    }

    @Test
    void tokenCreateAddsTheHashAndPrintsTheTokenOnce() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int first;
        int again;
        int badRole;
        try {
            first = new CommandLine(new org.inboundrouter.InboundRouter()).execute("token", "create", "--role", "read",
                    "--name", "li", "--config", config.toString());
            again = new CommandLine(new org.inboundrouter.InboundRouter()).execute("token", "create", "--role",
                    "operate", "--name", "li", "--config", config.toString());
            badRole = new CommandLine(new org.inboundrouter.InboundRouter()).execute("token", "create", "--role",
                    "admin", "--config", config.toString());
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertThat(first).isZero();
        assertThat(again).as("the same name twice").isEqualTo(2);
        assertThat(badRole).isEqualTo(2);
        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(token).hasSize(43);
        Path file = config.resolve("admin-tokens");
        String content = Files.readString(file);
        assertThat(content).doesNotContain(token).contains("li read " + AdminTokens.hashOf(token));
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(token).contains("shown only this once");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(AdminTokens.load(file, new Secrets(Map.of())).find(token))
                .hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("li"));
    }
}
