package org.inboundrouter.channel.smtp;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast an MTA delivers into the embedded store: {@code smtp.bench.messages} small mails (200 by default; the
 * figure in BENCHMARKS.md is from 1,000) over {@code smtp.bench.connections} connections (1 by default), each mail
 * a transaction of its own with MAIL, RCPT and DATA pipelined as Postfix sends them, each answered only after its
 * commit. Prints messages per second; asserts that every one became a ticket.
 * <pre>{@code mvn -o -q test -Dtest=SmtpThroughputTest -Dsmtp.bench.messages=1000 -Dsmtp.bench.connections=1}</pre>
 */
class SmtpThroughputTest {

    @TempDir
    Path dir;

    @Test
    void smallMailsOverSmtpIntoTheEmbeddedStore() throws Exception {
        int count = Integer.getInteger("smtp.bench.messages", 200);
        int connections = Integer.getInteger("smtp.bench.connections", 1);
        int port = ListenerPorts.free();
        try (TestDaemon daemon = TestDaemon.start(dir, Map.of(), Map.of("support-mx", """
                kind: smtp
                port: %d
                acceptRecipients: support@example.com
                """.formatted(port)))) {
            try (RawSmtpClient c = new RawSmtpClient(port)) {
                c.next();
                c.command("EHLO mta.test");
                warmUp(c);
            }
            ExecutorService pool = Executors.newFixedThreadPool(connections);
            List<Future<?>> runs = new ArrayList<>();
            long start = System.nanoTime();
            for (int k = 0; k < connections; k++) {
                int first = k * count / connections;
                int last = (k + 1) * count / connections;
                runs.add(pool.submit(() -> deliver(port, first, last)));
            }
            for (Future<?> run : runs) {
                run.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf(Locale.ROOT, "SMTP throughput: %d messages over %d connection(s) in %.2f s = %.0f "
                    + "messages/s (each answered 250 after its commit and flush)%n", count, connections, seconds,
                    count / seconds);
            assertThat(ticketCount(daemon)).isEqualTo(count + 1);
        }
    }

    /** The listener alone, its sink storing nothing: what the protocol costs, for comparison with the above. */
    @Test
    void theProtocolAloneWithoutAStore() throws Exception {
        int count = Integer.getInteger("smtp.bench.messages", 200);
        int port = ListenerPorts.free();
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        Path file = Files.writeString(dir.resolve("bench.yaml"), """
                kind: smtp
                port: %d
                acceptRecipients: support@example.com
                """.formatted(port));
        SmtpListenerConfig config = (SmtpListenerConfig) new ChannelFiles(new Secrets(Map.of())).loadFile(file);
        SmtpServer server = new SmtpServer(config, null, (envelope, raw) -> received.incrementAndGet());
        server.start();
        try {
            long start = System.nanoTime();
            deliver(port, 0, count);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "SMTP protocol alone: %d messages over 1 connection in %.2f s = %.0f "
                    + "messages/s%n", count, seconds, count / seconds);
        } finally {
            server.stop();
        }
        assertThat(received).hasValue(count);
    }

    /** One MTA connection delivering mails {@code first} to {@code last - 1}, one transaction each. */
    private static Void deliver(int port, int first, int last) throws Exception {
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            c.command("EHLO mta.test");
            for (int i = first; i < last; i++) {
                byte[] mail = mail(i);
                c.send("MAIL FROM:<customer" + i + "@example.cn> SIZE=" + mail.length
                        + "\r\nRCPT TO:<support@example.com>\r\nDATA\r\n");
                RawSmtpClient.expect(c.next(), "250");
                RawSmtpClient.expect(c.next(), "250");
                RawSmtpClient.expect(c.next(), "354");
                c.send(RawSmtpClient.dotStuffed(mail));
                c.send(".\r\n");
                RawSmtpClient.expect(c.next(), "250");
            }
            c.command("QUIT");
        }
        return null;
    }

    private static void warmUp(RawSmtpClient c) throws Exception {
        byte[] mail = ("From: warm@example.cn\r\nTo: support@example.com\r\nSubject: warm-up\r\n"
                + "Message-ID: <warm-up@example.cn>\r\n\r\n充值失败\r\n").getBytes(StandardCharsets.UTF_8);
        c.transaction("warm@example.cn", List.of("support@example.com"), mail, 1);
    }

    /** A short mail as customers write them: one question, a few hundred bytes with the headers. */
    private static byte[] mail(int i) {
        return ("From: Customer " + i + " <customer" + i + "@example.cn>\r\n"
                + "To: support@example.com\r\n"
                + "Subject: =?UTF-8?B?5YWF5YC85aSx6LSl?= " + i + "\r\n"
                + "Message-ID: <bench-" + i + "@example.cn>\r\n"
                + "Date: Fri, 03 May 2024 10:15:00 +0800\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + "我昨天充值了" + (100 + i) + "元但是显示充值失败，交易号2024050312" + String.format("%04d", i)
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static int ticketCount(TestDaemon daemon) throws Exception {
        int total = 0;
        for (int offset = 0; ; offset += 500) {
            JsonNode page = org.inboundrouter.model.Json.mapper()
                    .readTree(daemon.get("/api/tickets?limit=500&offset=" + offset).body());
            total += page.size();
            if (page.size() < 500) {
                return total;
            }
        }
    }
}
