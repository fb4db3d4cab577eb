package org.inboundrouter;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.model.Json;
import org.inboundrouter.ops.LogFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.MailFixtures.deliver;
import static org.inboundrouter.MailFixtures.textMail;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a newcomer meets when the machine is in the way: a port another program holds, a data directory that cannot
 * be made; and the shipped configuration with the local mail server's ports moved.
 */
class StartupProblemsTest {

    @TempDir
    Path dir;

    private Daemon daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.stop();
        }
        LogFormat.apply(LogFormat.Format.PLAIN);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static ServerSocket occupy() throws Exception {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    private Path config(String properties) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config/channels"));
        Files.writeString(config.getParent().resolve("application.properties"), properties);
        return config.getParent();
    }

    /** {@code inbound-router run ARGS}: exit code and what it wrote to stderr. */
    private static Object[] run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new InboundRouter()).execute(InboundRouter.withDefaultSubcommand(args));
        } finally {
            System.setErr(err);
        }
        return new Object[] {exit, captured.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aDataDirectoryThatCannotBeMadeIsOneSentenceAndExit2() throws Exception {
        Path config = config("inbound.local-mail-server.enabled=false\n");
        Path file = Files.writeString(dir.resolve("afile"), "");
        Object[] result = run("--config", config.toString(), "--data-dir", file.resolve("data").toString(),
                "--http-port", Integer.toString(freePort()));
        assertThat(result[0]).isEqualTo(2);
        assertThat((String) result[1]).isEqualTo("inbound-router: cannot use the data directory "
                + file.resolve("data").toAbsolutePath() + ": a part of " + file.resolve("data").toAbsolutePath()
                + " is a file, not a directory" + System.lineSeparator());
    }

    @Test
    void aMailPortInUseIsNamedWithItsSetting() throws Exception {
        try (ServerSocket taken = occupy()) {
            Path config = config("inbound.local-mail-server.enabled=true\n"
                    + "inbound.local-mail-server.smtp-port=" + freePort() + "\n"
                    + "inbound.local-mail-server.imap-port=" + taken.getLocalPort() + "\n"
                    + "inbound.local-mail-server.pop3-port=" + freePort() + "\n");
            Object[] result = run("--config", config.toString(), "--data-dir", dir.resolve("data").toString(),
                    "--http-port", Integer.toString(freePort()));
            assertThat(result[0]).isEqualTo(2);
            assertThat((String) result[1]).startsWith("inbound-router: port " + taken.getLocalPort()
                    + " is in use on 127.0.0.1 (setting inbound.local-mail-server.imap-port)").hasLineCount(1);
        }
    }

    @Test
    void theHttpPortInUseIsNamedWithItsSetting() throws Exception {
        try (ServerSocket taken = occupy()) {
            Path config = config("inbound.local-mail-server.enabled=false\n");
            Object[] result = run("--config", config.toString(), "--data-dir", dir.resolve("data").toString(),
                    "--http-port", Integer.toString(taken.getLocalPort()));
            assertThat(result[0]).isEqualTo(2);
            assertThat((String) result[1]).startsWith("inbound-router: port " + taken.getLocalPort()
                    + " is in use on 127.0.0.1 (setting inbound.http.port, --http-port)").hasLineCount(1);
        }
    }

    @Test
    void thePublicAndTheAdminListenerOnOnePortIsOneSentence() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = config("inbound.local-mail-server.enabled=false\n");
        Object[] result = run("--config", config.toString(), "--data-dir", dir.resolve("data").toString(),
                "--http-port", Integer.toString(port), "--admin-port", Integer.toString(port));
        assertThat(result[0]).isEqualTo(2);
        assertThat((String) result[1]).contains("inbound.http.port and inbound.admin.port are both " + port)
                .hasLineCount(1);
    }

    @Test
    void theShippedConfigurationRunsWithTheMailPortsMoved() throws Exception {
        int smtp;
        int imap;
        int pop3;
        int http;
        int admin;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0);
                ServerSocket c = new ServerSocket(0); ServerSocket d = new ServerSocket(0);
                ServerSocket e = new ServerSocket(0)) {   // at once, so that no two are the same port
            smtp = a.getLocalPort();
            imap = b.getLocalPort();
            pop3 = c.getLocalPort();
            http = d.getLocalPort();
            admin = e.getLocalPort();
        }
        Path config = Files.createDirectories(dir.resolve("config/channels"));
        String token = "startup-test-read-token-0123456789abcdef";
        Files.writeString(config.getParent().resolve("admin-tokens"),
                "startup read " + org.inboundrouter.http.AdminTokens.hashOf(token) + "\n");
        Files.copy(Path.of("config/channels/local-mailbox.yaml"), config.resolve("local-mailbox.yaml"));
        String shipped = Files.readString(Path.of("config/application.properties"));
        assertThat(shipped).contains("inbound.local-mail-server.imap-port=3143");
        Files.writeString(config.getParent().resolve("application.properties"), shipped
                .replace("smtp-port=3025", "smtp-port=" + smtp).replace("imap-port=3143", "imap-port=" + imap)
                .replace("pop3-port=3110", "pop3-port=" + pop3));

        Secrets secrets = new Secrets(Map.of());
        AppSettings settings = AppSettings.load(config.getParent(), secrets).withDataDir(dir.resolve("data"))
                .withHttpPort(http).withAdminPort(admin);
        assertThat(settings.localMailServer()).isTrue();
        daemon = new Daemon(settings, new ChannelFiles(secrets, settings.channelPlaceholders())
                .load(settings.channelsDir()));
        daemon.start();

        deliver(smtp, textMail("moved-1@example.cn", "user@example.cn", "充值失败", "充值500元没到账", ""));
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode tickets;
        do {
            assertTrue(System.nanoTime() < deadline, "no ticket from the local mailbox on the moved IMAP port");
            Thread.sleep(200);
            tickets = Json.mapper().readTree(client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + admin + "/api/tickets"))
                    .header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } while (tickets.isEmpty());
        assertThat(tickets.get(0).path("channel").toString()).contains("local-mailbox");
    }
}
