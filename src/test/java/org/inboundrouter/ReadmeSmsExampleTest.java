package org.inboundrouter;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's SMS example, run as written by bash, curl and openssl against a daemon that is already running
 * (only the port and where config/ is are changed to this test's).
 */
class ReadmeSmsExampleTest {

    @TempDir
    Path dir;

    private static String example() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("(umask 077 && printf");
        int end = readme.indexOf("-d \"$body\"\n", start);
        assertThat(start).as("the README's SMS example").isPositive();
        assertThat(end).isGreaterThan(start);
        return readme.substring(start, end + "-d \"$body\"".length()) + "\n";
    }

    private static boolean installed(String tool) throws Exception {
        return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    }

    @Test
    void theSmsExampleWorksOnARunningDaemon() throws Exception {
        assumeTrue(installed("bash") && installed("curl") && installed("openssl"), "bash, curl and openssl");
        String script = example();
        assertThat(script).contains("http://127.0.0.1:8080/webhooks/try-sms").doesNotContain("java -jar");
        try (TestDaemon daemon = TestDaemon.start(dir, Map.of(), Map.of())) {
            String here = script.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + daemon.port())
                    .replace("config/", dir.resolve("config") + "/");
            Process bash = new ProcessBuilder("bash", "-c", here).directory(dir.toFile()).redirectErrorStream(true)
                    .start();
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String answer = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).isEqualTo("{\"status\":\"stored\",\"count\":1}");
            JsonNode tickets = daemon.awaitTickets(1);
            assertThat(tickets.get(0).path("category").asText()).isEqualTo("account_security");
            assertThat(tickets.get(0).path("priority").asText()).isEqualTo("urgent");
            assertThat(String.join("", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("config/try-sms.secret"))))).isEqualTo("rw-------");
        }
    }
}
