package org.inboundrouter.channel.smtp;

import com.fasterxml.jackson.databind.JsonNode;
import org.h2.tools.Server;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim the listener rests on: 250 only once the message is stored, and a message that could not be stored is
 * answered 451 so that the MTA keeps it and offers it again. The ticket store is an H2 server here so that the test
 * can get in its way: an agent's transaction holds a lock on the ticket a reply belongs to, the store fails with a
 * lock timeout, the pipeline gives up after its retries, and the listener must answer 451. Once the lock is gone the
 * MTA's retry is stored.
 */
class SmtpStoreOutageTest {

    @TempDir
    Path dir;
    private Server store;
    private TestDaemon daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (store != null) {
            store.stop();
        }
    }

    @Test
    void aMessageThatCannotBeStoredIsAnswered451AndStoredWhenSentAgain() throws Exception {
        int storePort = TestDaemon.freePort();
        store = Server.createTcpServer("-tcpPort", Integer.toString(storePort), "-ifNotExists",
                "-baseDir", dir.resolve("store").toString()).start();
        int port = ListenerPorts.free();
        daemon = TestDaemon.start(dir, Map.of(), Map.of("support-mx", """
                kind: smtp
                port: %d
                acceptRecipients: support@example.com
                """.formatted(port)), "inbound.store.url=jdbc:h2:tcp://127.0.0.1:" + storePort + "/tickets\n");

        byte[] first = SmtpListenerTest.gbkMail("withdraw-1@example.cn", "提现没到账", "提现到银行卡一直没到账");
        byte[] reply = ("From: zhangsan@example.cn\r\nTo: support@example.com\r\nSubject: Re: 提现没到账\r\n"
                + "Message-ID: <withdraw-2@example.cn>\r\nIn-Reply-To: <withdraw-1@example.cn>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "已经三天了，提现还是没到账\r\n").getBytes(StandardCharsets.UTF_8);
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            c.command("EHLO mta.test");
            assertThat(c.transaction("zhangsan@example.cn", List.of("support@example.com"), first, 1))
                    .containsExactly("250 2.0.0 Ok: stored");
        }
        long ticket = daemon.awaitTickets(1).get(0).get("id").asLong();

        try (Connection agent = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + storePort + "/tickets");
             RawSmtpClient c = new RawSmtpClient(port)) {
            agent.setAutoCommit(false);
            try (var lock = agent.prepareStatement("SELECT id FROM tickets WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, ticket);
                lock.executeQuery().close();
            }
            c.next();
            c.command("EHLO mta.test");
            assertThat(c.transaction("zhangsan@example.cn", List.of("support@example.com"), reply, 1))
                    .containsExactly("451 4.3.0 Could not store the message now; try again later");
            // the session is still usable: the MTA may go on with other mail on it
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            agent.commit();
        }
        assertThat(daemon.ticket(ticket).get("messages")).hasSize(1);

        // the MTA's retry from its queue
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            c.command("EHLO mta.test");
            assertThat(c.transaction("zhangsan@example.cn", List.of("support@example.com"), reply, 1))
                    .containsExactly("250 2.0.0 Ok: stored");
        }
        JsonNode messages = daemon.ticket(ticket).get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("text").asText()).isEqualTo("已经三天了，提现还是没到账");
        assertThat(daemon.tickets()).hasSize(1);
    }
}
