package org.inboundrouter.channel.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.config.EmailChannelConfig.AfterImport;
import org.inboundrouter.config.EmailChannelConfig.Protocol;
import org.inboundrouter.config.EmailChannelConfig.Tls;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.pipeline.Inbound;
import org.inboundrouter.store.TicketQueries.TicketFilter;
import org.inboundrouter.ticket.Ticket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.MailFixtures.deliver;
import static org.inboundrouter.MailFixtures.textMail;

/**
 * The IMAP consumer against GreenMail, through a proxy that counts the commands it sends: IDLE when the server
 * offers it, polling when it does not or is told not to, IDLE renewed, fetching and flagging in batches, and mail
 * left unseen when storing it fails.
 */
class ImapMailboxTest extends MailChannelTestSupport {

    private static final Duration LONG_POLL = Duration.ofSeconds(60);

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig()
                    .withUser("idle@localhost", "idle@localhost", "pw")
                    .withUser("noidle@localhost", "noidle@localhost", "pw")
                    .withUser("off@localhost", "off@localhost", "pw")
                    .withUser("renew@localhost", "renew@localhost", "pw")
                    .withUser("batch@localhost", "batch@localhost", "pw")
                    .withUser("fail@localhost", "fail@localhost", "pw"));

    private final List<ImapProxy> proxies = new ArrayList<>();
    private ImapProxy idle;
    private ImapProxy noIdle;
    private ImapProxy off;
    private ImapProxy renew;
    private ImapProxy batch;

    @Override
    public void configureTest(TestExecutionConfiguration config) {
        super.configureTest(config);
        config.withUseAdviceWith(true);
    }

    @Override
    protected List<EmailChannelConfig> mailboxes() {
        try {
            idle = proxy(false);
            noIdle = proxy(true);
            off = proxy(false);
            renew = proxy(false);
            batch = proxy(false);
            return List.of(
                    box("idle-box", "idle@localhost", idle.port(), LONG_POLL, true, Duration.ofMinutes(25)),
                    box("noidle-box", "noidle@localhost", noIdle.port(), Duration.ofMillis(500), true,
                            Duration.ofMinutes(25)),
                    box("off-box", "off@localhost", off.port(), Duration.ofMillis(500), false, Duration.ofMinutes(25)),
                    box("renew-box", "renew@localhost", renew.port(), LONG_POLL, true, Duration.ofMillis(700)),
                    box("batch-box", "batch@localhost", batch.port(), LONG_POLL, true, Duration.ofMinutes(25)),
                    box("fail-box", "fail@localhost", mail.getImap().getPort(), Duration.ofMillis(300), true,
                            Duration.ofMinutes(25)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImapProxy proxy(boolean withoutIdle) throws IOException {
        ImapProxy proxy = new ImapProxy(mail.getImap().getPort(), withoutIdle);
        proxies.add(proxy);
        return proxy;
    }

    private static EmailChannelConfig box(String name, String user, int port, Duration poll, boolean useIdle,
            Duration idleRenew) {
        return new EmailChannelConfig(name, Path.of(name + ".yaml"), true, Protocol.IMAP, Tls.NONE, "127.0.0.1", port,
                user, new Secret("pw", "literal"), "INBOX", poll, AfterImport.SEEN, null, null, useIdle, idleRenew);
    }

    @Override
    protected void doPostTearDown() throws Exception {
        proxies.forEach(ImapProxy::close);
        super.doPostTearDown();
    }

    private void send(String to, String messageId) {
        deliver(mail.getSmtp().getPort(), textMail(messageId, "customer@example.com", "About " + messageId,
                "My top-up of 100 failed", "").getBytes(StandardCharsets.UTF_8), to);
    }

    private int tickets(String channel) throws Exception {
        return queries.list(new TicketFilter(null, channel, null), 1000, 0).size();
    }

    private MailFolder inbox(String user) throws Exception {
        return mail.getManagers().getImapHostManager().getInbox(mail.getUserManager().getUser(user));
    }

    private long unseen(String user) throws Exception {
        return inbox(user).getMessages().stream().filter(m -> !m.isSet(Flags.Flag.SEEN)).count();
    }

    @Test
    void mailDeliveredWhileIdlingBecomesATicketLongBeforeThePollInterval() throws Exception {
        send("idle@localhost", "idle-1@example.com");
        await("the mail already there", () -> tickets("idle-box") == 1);

        long sent = System.nanoTime();
        send("idle@localhost", "idle-2@example.com");
        await("the mail delivered while idling", () -> tickets("idle-box") == 2);

        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(3));
        await("both flagged seen", () -> unseen("idle@localhost") == 0);
        await("idling again", () -> idle.count("IDLE") >= 2);
    }

    @Test
    void aServerWithoutIdleIsPolled() throws Exception {
        send("noidle@localhost", "noidle-1@example.com");
        await("the first mail", () -> tickets("noidle-box") == 1);
        send("noidle@localhost", "noidle-2@example.com");
        await("the mail delivered after the first poll", () -> tickets("noidle-box") == 2);

        assertThat(noIdle.count("IDLE")).isZero();
        assertThat(noIdle.count("SEARCH")).as("one search per poll").isGreaterThanOrEqualTo(2);
    }

    @Test
    void idleSwitchedOffPollsEvenWhenTheServerOffersIt() throws Exception {
        send("off@localhost", "off-1@example.com");
        await("the first mail", () -> tickets("off-box") == 1);
        send("off@localhost", "off-2@example.com");
        await("the mail delivered after the first poll", () -> tickets("off-box") == 2);

        assertThat(off.count("IDLE")).isZero();
    }

    @Test
    void idleIsRenewedBeforeTheServerEndsIt() throws Exception {
        await("IDLE issued and renewed three times", () -> renew.count("IDLE") >= 4);
        assertThat(renew.count("NOOP")).as("each renewal wakes the IDLE with a NOOP").isGreaterThanOrEqualTo(3);

        long sent = System.nanoTime();
        send("renew@localhost", "renew-1@example.com");
        await("a mail after the renewals", () -> tickets("renew-box") == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void fiftyMailsAreFetchedAndFlaggedInBatches() throws Exception {
        for (int i = 0; i < 50; i++) {
            send("batch@localhost", "batch-" + i + "@example.com");
        }
        await("fifty tickets", () -> tickets("batch-box") == 50);
        await("all flagged seen", () -> unseen("batch@localhost") == 0);

        assertThat(batch.count("STORE")).as("one STORE for the whole batch").isEqualTo(1);
        // one FETCH of the sizes and one of the sources (a UID FETCH for anything the server reports mid-way)
        assertThat(batch.count("FETCH")).isLessThanOrEqualTo(3);
    }

    @Test
    void aCustomersMailsFetchedInOneBatchAreThreadedInTheOrderTheyCame() throws Exception {
        for (int i = 0; i < 20; i++) {
            deliver(mail.getSmtp().getPort(), textMail("other-" + i + "@example.com", "other" + i + "@example.com",
                    "Question " + i, "Card declined", "").getBytes(StandardCharsets.UTF_8), "batch@localhost");
            if (i == 5) {
                send("batch@localhost", "first@example.com");
            }
            if (i == 15) {
                deliver(mail.getSmtp().getPort(), textMail("reply@example.com", "customer@example.com", "Re: again",
                        "Still failing", "In-Reply-To: <first@example.com>\r\n").getBytes(StandardCharsets.UTF_8),
                        "batch@localhost");
            }
        }
        await("22 mails stored", () -> queries.list(new TicketFilter(null, "batch-box", null), 100, 0).stream()
                .mapToInt(Ticket::messageCount).sum() == 22);

        Ticket thread = queries.list(new TicketFilter(null, "batch-box", null), 100, 0).stream()
                .filter(t -> t.customer().address().equals("customer@example.com")).findFirst().orElseThrow();
        assertThat(queries.find(thread.id()).orElseThrow().messages()).extracting(m -> m.message().externalId())
                .containsExactly("first@example.com", "reply@example.com");
    }

    @Test
    void mailWhoseStoreFailsStaysUnseenAndIsTakenInOnTheNextRound() throws Exception {
        AtomicBoolean storeDown = new AtomicBoolean(true);
        AtomicInteger refused = new AtomicInteger();
        AdviceWith.adviceWith(context, "ingest", route -> route.weaveById("store").before().process(e -> {
            ChannelRef channel = e.getProperty(Inbound.CHANNEL, ChannelRef.class);
            if (channel.name().equals("fail-box") && storeDown.get()) {
                refused.incrementAndGet();
                throw new IOException("simulated store outage");
            }
        }));
        for (int i = 0; i < 3; i++) {
            send("fail@localhost", "fail-" + i + "@example.com");
        }
        await("every mail refused twice (two rounds)", () -> refused.get() >= 6);

        assertThat(tickets("fail-box")).isZero();
        assertThat(unseen("fail@localhost")).as("nothing flagged while the store is down").isEqualTo(3);

        storeDown.set(false);
        await("the three mails stored", () -> tickets("fail-box") == 3);
        await("and then flagged seen", () -> unseen("fail@localhost") == 0);
        assertThat(queries.list(new TicketFilter(null, "fail-box", null), 10, 0)).extracting(Ticket::subject)
                .containsExactlyInAnyOrder("About fail-0@example.com", "About fail-1@example.com",
                        "About fail-2@example.com");
    }
}
