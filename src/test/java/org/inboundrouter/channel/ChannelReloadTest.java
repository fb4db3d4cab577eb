package org.inboundrouter.channel;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.inboundrouter.MailFixtures;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Channel files added, changed, broken and removed while the daemon runs. */
class ChannelReloadTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("support@localhost", "support@localhost",
                    "support"));

    @TempDir
    Path dir;
    private TestDaemon daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static final String GATEWAY = """
            kind: sms-gateway
            secret: ${env:%s}
            """;

    private HttpResponse<String> sms(String channel, String key, String id) throws Exception {
        byte[] body = ("{\"id\":\"" + id + "\",\"from\":\"+8613900000000\",\"text\":\"余额不对\"}")
                .getBytes(StandardCharsets.UTF_8);
        return daemon.post("/webhooks/" + channel, "application/json",
                Map.of("X-Signature", Hmac.hex(Hmac.sha256(key, body))), body);
    }

    @Test
    void aMailboxDroppedIntoTheDirectoryIsPolledWithinSeconds() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("KEY_A", "key-a-0123456789", "MAILBOX_PASSWORD", "support"),
                Map.of("gw", GATEWAY.formatted("KEY_A")), "inbound.channels.watch-interval=500ms\n");
        MailFixtures.deliver(mail.getSmtp().getPort(), MailFixtures.textMail("reload-1@example.com", "li@example.com", "充值失败",
                "我充值了100元没有到账", ""));

        long dropped = System.nanoTime();
        Files.writeString(dir.resolve("config/channels/new-box.yaml"), """
                kind: imap
                host: 127.0.0.1
                port: %d
                tls: none
                username: support@localhost
                password: ${env:MAILBOX_PASSWORD}
                pollInterval: 300ms
                """.formatted(mail.getImap().getPort()));
        var tickets = daemon.awaitTickets(1);
        Duration took = Duration.ofNanos(System.nanoTime() - dropped);

        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).get("channel").get("name").asText()).isEqualTo("new-box");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aChangedFileRestartsTheChannelABrokenOneLeavesItRunningARemovedOneStopsIt() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("KEY_A", "key-a-0123456789", "KEY_B", "key-b-9876543210"),
                Map.of("gw", GATEWAY.formatted("KEY_A")), "inbound.channels.watch-interval=300ms\n");
        Path file = dir.resolve("config/channels/gw.yaml");
        assertThat(sms("gw", "key-a-0123456789", "r-1").statusCode()).isEqualTo(200);

        Files.writeString(file, GATEWAY.formatted("KEY_B"));
        awaitStatus(() -> sms("gw", "key-b-9876543210", "r-2").statusCode(), 200);
        assertThat(sms("gw", "key-a-0123456789", "r-3").statusCode()).as("the old secret is gone").isEqualTo(403);

        Files.writeString(file, "kind: sms-gateway\nsecret: ${env:NOT_SET_ANYWHERE}\nauth: sometimes\n");
        Thread.sleep(1500);
        assertThat(sms("gw", "key-b-9876543210", "r-4").statusCode()).as("previous version still runs")
                .isEqualTo(200);

        Files.delete(file);
        awaitStatus(() -> sms("gw", "key-b-9876543210", "r-5").statusCode(), 404);
        assertThat(daemon.tickets()).hasSize(1);
    }

    interface Status {
        int get() throws Exception;
    }

    private static void awaitStatus(Status status, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int last = status.get();
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = status.get();
        }
        assertThat(last).isEqualTo(expected);
    }
}
