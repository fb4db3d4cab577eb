package org.inboundrouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.MailFixtures.base64;
import static org.inboundrouter.MailFixtures.deliver;
import static org.inboundrouter.MailFixtures.encodedWord;
import static org.inboundrouter.MailFixtures.textMail;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole daemon as a user runs it: config directory, channel file, HTTP API. */
class DaemonTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("support@localhost", "support@localhost",
                    "support"));

    @TempDir
    Path dir;

    private Daemon daemon;
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;
    private int adminPort;
    private static final String READ_TOKEN = "daemon-test-read-token-0123456789abcdefghijk";

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.stop();
        }
    }

    private Path taxonomy;

    private void startDaemon() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config/channels"));
        taxonomy = dir.resolve("taxonomy.yaml");
        Files.writeString(taxonomy, taxonomyWith("退款: 3"));
        Files.writeString(dir.resolve("config/application.properties"),
                "inbound.classifier.taxonomy=" + taxonomy.toString().replace("\\", "/") + "\n");
        Files.writeString(config.resolve("mailbox.yaml"), """
                kind: imap
                host: 127.0.0.1
                port: %d
                tls: none
                username: support@localhost
                password: ${env:TEST_MAILBOX_PASSWORD}
                pollInterval: 300ms
                """.formatted(mail.getImap().getPort()));
        try (ServerSocket s = new ServerSocket(0); ServerSocket t = new ServerSocket(0)) {   // at once: never the same
            port = s.getLocalPort();
            adminPort = t.getLocalPort();
        }
        Files.writeString(dir.resolve("config/admin-tokens"), "reader read "
                + org.inboundrouter.http.AdminTokens.hashOf(READ_TOKEN) + "\n");
        Secrets secrets = new Secrets(Map.of("TEST_MAILBOX_PASSWORD", "support"));
        AppSettings settings = AppSettings.load(dir.resolve("config"), secrets)
                .withDataDir(dir.resolve("data")).withHttpPort(port).withAdminPort(adminPort).withLocalMailServer(false);
        daemon = new Daemon(settings, new ChannelFiles(secrets).load(settings.channelsDir()));
        daemon.start();
    }

    private static String taxonomyWith(String refundKeywords) {
        return "categories:\n  refund:\n    keywords:\n      zh: {" + refundKeywords + "}\n  other: {}\n";
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .header("Authorization", "Bearer " + READ_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitTickets(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            JsonNode tickets = Json.mapper().readTree(get("/api/tickets").body());
            int total = 0;
            for (JsonNode t : tickets) {
                total += t.get("messageCount").asInt();
            }
            if (total >= count) {
                return tickets;
            }
            assertTrue(System.nanoTime() < deadline, "expected " + count + " messages, API shows " + tickets);
            Thread.sleep(200);
        }
    }

    @Test
    void gbkMailAndItsReplyBecomeOneTicketThroughTheApi() throws Exception {
        startDaemon();
        String subject = "充值失败，请尽快处理";
        deliver(mail.getSmtp().getPort(), "From: user@example.cn\r\nTo: support@localhost\r\n"
                + "Subject: " + encodedWord(subject, "GBK", "GBK") + "\r\nMessage-ID: <api-1@example.cn>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=GBK\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64("充值500元没到账", "GBK") + "\r\n");
        JsonNode list = awaitTickets(1);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("subject").asText()).isEqualTo(subject);
        long id = list.get(0).get("id").asLong();

        deliver(mail.getSmtp().getPort(), textMail("api-2@example.cn", "user@example.cn", "Re: " + subject,
                "还没到账", "In-Reply-To: <api-1@example.cn>\r\n"));
        deliver(mail.getSmtp().getPort(), textMail("api-3@example.com", "robot@example.com", "Out of Office",
                "I am away", "Auto-Submitted: auto-replied\r\n"));
        awaitTickets(2);

        HttpResponse<String> one = get("/api/tickets/" + id);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        JsonNode ticket = Json.mapper().readTree(one.body());
        assertThat(ticket.get("messages")).hasSize(2);
        assertThat(ticket.get("messages").get(0).get("text").asText()).contains("充值500元没到账");
        assertThat(ticket.get("messages").get(0).get("channel").get("name").asText()).isEqualTo("mailbox");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Json.mapper().readTree(get("/api/suppressed").body()).size() < 1) {
            assertTrue(System.nanoTime() < deadline, "auto-reply not recorded as suppressed");
            Thread.sleep(200);
        }
        assertThat(Json.mapper().readTree(get("/api/tickets").body())).hasSize(1);
    }

    @Test
    void editingTheTaxonomyOfTheRunningDaemonChangesTheNextClassification() throws Exception {
        startDaemon();
        deliver(mail.getSmtp().getPort(), textMail("tx-1@example.cn", "a@example.cn", "钱", "钱怎么还没退回来", ""));
        JsonNode first = awaitTickets(1);
        assertThat(first.get(0).get("category").asText()).isEqualTo("other");

        Files.writeString(taxonomy, taxonomyWith("退款: 3, 退回来: 3"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String category;
        int n = 2;
        do {
            // one new mail per attempt: the reload check runs every two seconds
            deliver(mail.getSmtp().getPort(), textMail("tx-" + n + "@example.cn", "b" + n + "@example.cn", "钱",
                    "钱怎么还没退回来", ""));
            JsonNode tickets = awaitTickets(n);
            category = tickets.get(0).get("category").asText();
            n++;
        } while (!category.equals("refund") && System.nanoTime() < deadline);
        assertThat(category).isEqualTo("refund");
        JsonNode ticket = Json.mapper().readTree(get("/api/tickets/" + (n - 1)).body());
        JsonNode match = ticket.get("messages").get(0).get("classification").get("matches").get(0);
        assertThat(match.get("term").asText()).isEqualTo("退回来");
    }

    @Test
    void apiFiltersAnswersErrorsAsJsonAndReportsHealth() throws Exception {
        startDaemon();
        deliver(mail.getSmtp().getPort(), textMail("f-1@example.com", "a@example.com", "Hello", "Hi", ""));
        awaitTickets(1);

        assertThat(Json.mapper().readTree(get("/api/tickets?category=other&status=open&channel=mailbox").body()))
                .hasSize(1);
        assertThat(Json.mapper().readTree(get("/api/tickets?channel=email").body())).hasSize(1);
        assertThat(Json.mapper().readTree(get("/api/tickets?category=refund").body())).isEmpty();

        HttpResponse<String> bad = get("/api/tickets?limit=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(bad.body()).get("error").asText()).contains("limit");
        assertThat(get("/api/tickets/999999").statusCode()).isEqualTo(404);

        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(health.body()).get("status").asText()).isEqualTo("UP");
        assertThat(health.body()).contains("store");
    }
}
