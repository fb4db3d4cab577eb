package org.inboundrouter.channel.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.config.EmailChannelConfig.AfterImport;
import org.inboundrouter.config.EmailChannelConfig.Protocol;
import org.inboundrouter.config.EmailChannelConfig.Tls;
import org.inboundrouter.config.Secret;
import org.inboundrouter.store.TicketQueries.TicketFilter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.MailFixtures.deliver;
import static org.inboundrouter.MailFixtures.textMail;

/** The mail server goes away while the channel idles on it and comes back on the same port: the channel follows. */
class ImapReconnectTest extends MailChannelTestSupport {

    private static final String USER = "support@localhost";
    private final ServerSetup smtp = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    private final ServerSetup imap = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
    private GreenMail server;

    @Override
    protected List<EmailChannelConfig> mailboxes() {
        return List.of(new EmailChannelConfig("flaky-box", Path.of("flaky-box.yaml"), true, Protocol.IMAP, Tls.NONE,
                "127.0.0.1", imap.getPort(), USER, new Secret("support", "literal"), "INBOX", Duration.ofSeconds(60),
                AfterImport.SEEN, null, null, true, Duration.ofMinutes(25)));
    }

    private void startServer() {
        server = new GreenMail(new ServerSetup[] {smtp, imap});
        server.setUser(USER, USER, "support");
        server.start();
    }

    @Override
    protected void doPostTearDown() throws Exception {
        server.stop();
        super.doPostTearDown();
    }

    private int tickets() throws Exception {
        return queries.list(new TicketFilter(null, null, null), 10, 0).size();
    }

    private void send(String messageId) {
        deliver(smtp.getPort(), textMail(messageId, "customer@example.com", "Withdrawal stuck", "Still pending", ""));
    }

    @Test
    void theChannelReconnectsAfterTheServerDroppedItAndRestarted() throws Exception {
        startServer();
        send("before@example.com");
        await("the mail before the restart", () -> tickets() == 1);

        server.stop();
        // long enough for a failed attempt or two; the retries wait 1 s, 2 s, 4 s ...
        Thread.sleep(1500);
        startServer();
        long restarted = System.nanoTime();
        send("after@example.com");
        await("the mail after the restart", () -> tickets() == 2);

        assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(10));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
