package org.inboundrouter.channel.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.config.EmailChannelConfig.AfterImport;
import org.inboundrouter.config.EmailChannelConfig.Protocol;
import org.inboundrouter.config.EmailChannelConfig.Tls;
import org.inboundrouter.config.Secret;
import org.inboundrouter.store.TicketQueries.TicketFilter;
import org.inboundrouter.ticket.Ticket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.MailFixtures.deliver;
import static org.inboundrouter.MailFixtures.textMail;

/** The other protocols and after-import actions: POP3 with delete, IMAP with move, IMAPS over TLS. */
class EmailChannelVariantsTest extends MailChannelTestSupport {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.ALL))
            .withConfiguration(GreenMailConfiguration.aConfig()
                    .withUser("pop@localhost", "pop@localhost", "pw")
                    .withUser("move@localhost", "move@localhost", "pw")
                    .withUser("tls@localhost", "tls@localhost", "pw"));

    @Override
    protected List<EmailChannelConfig> mailboxes() {
        Secret pw = new Secret("pw", "literal");
        return List.of(
                new EmailChannelConfig("pop-box", Path.of("pop-box.yaml"), true, Protocol.POP3, Tls.NONE, "127.0.0.1",
                        mail.getPop3().getPort(), "pop@localhost", pw, "INBOX", Duration.ofMillis(200),
                        AfterImport.DELETE, null, null),
                new EmailChannelConfig("move-box", Path.of("move-box.yaml"), true, Protocol.IMAP, Tls.NONE,
                        "127.0.0.1", mail.getImap().getPort(), "move@localhost", pw, "INBOX", Duration.ofMillis(200),
                        AfterImport.MOVE, "Ticketed", null),
                // GreenMail's certificate is self-signed: trusted explicitly, as a test server would be
                new EmailChannelConfig("tls-box", Path.of("tls-box.yaml"), true, Protocol.IMAP, Tls.IMPLICIT,
                        "127.0.0.1", mail.getImaps().getPort(), "tls@localhost", pw, "INBOX", Duration.ofMillis(200),
                        AfterImport.SEEN, null, "*"));
    }

    private void send(String to, String messageId, String subject) {
        deliver(mail.getSmtp().getPort(), textMail(messageId, "customer@example.com", subject, "Hello", "")
                .getBytes(StandardCharsets.UTF_8), to);
    }

    private List<Ticket> ticketsFrom(String channel) throws Exception {
        return queries.list(new TicketFilter(null, channel, null), 10, 0);
    }

    private MailFolder folder(String user, String name) throws Exception {
        GreenMailUser u = mail.getUserManager().getUser(user);
        var manager = mail.getManagers().getImapHostManager();
        return name.equals("INBOX") ? manager.getInbox(u) : manager.getFolder(u, name);
    }

    @Test
    void pop3MailIsStoredThenDeleted() throws Exception {
        send("pop@localhost", "pop-1@example.com", "Via POP3");
        await("a ticket from pop-box", () -> ticketsFrom("pop-box").size() == 1);
        await("the mail deleted from the POP3 mailbox", () -> folder("pop@localhost", "INBOX").getMessageCount() == 0);
        assertThat(ticketsFrom("pop-box").get(0).subject()).isEqualTo("Via POP3");
    }

    @Test
    void imapMailIsStoredThenMovedToAFolder() throws Exception {
        send("move@localhost", "move-1@example.com", "Via IMAP, moved");
        await("a ticket from move-box", () -> ticketsFrom("move-box").size() == 1);
        await("the mail moved to Ticketed", () -> folder("move@localhost", "INBOX").getMessageCount() == 0
                && folder("move@localhost", "Ticketed") != null
                && folder("move@localhost", "Ticketed").getMessageCount() == 1);
    }

    @Test
    void imapsMailIsStored() throws Exception {
        send("tls@localhost", "tls-1@example.com", "Via IMAPS");
        await("a ticket from tls-box", () -> ticketsFrom("tls-box").size() == 1);
    }
}
