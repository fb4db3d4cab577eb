package org.inboundrouter.channel.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.config.EmailChannelConfig.AfterImport;
import org.inboundrouter.config.EmailChannelConfig.Protocol;
import org.inboundrouter.config.EmailChannelConfig.Tls;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.Language;
import org.inboundrouter.store.TicketQueries.TicketFilter;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.MailFixtures.base64;
import static org.inboundrouter.MailFixtures.deliver;
import static org.inboundrouter.MailFixtures.encodedWord;
import static org.inboundrouter.MailFixtures.textMail;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end through the real protocols: a mail is delivered over SMTP to GreenMail, the email channel polls it over
 * IMAP, and the test reads what the store holds.
 */
class EmailChannelTest extends MailChannelTestSupport {

    private static final String USER = "support@localhost";
    private static final String CHANNEL_ROUTE = EmailChannelRoutes.routeId("test-mailbox");

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, USER, "support"));

    @Override
    public void configureTest(TestExecutionConfiguration config) {
        super.configureTest(config);
        config.withUseAdviceWith(true);
    }

    @Override
    protected List<EmailChannelConfig> mailboxes() {
        return List.of(new EmailChannelConfig("test-mailbox", Path.of("test-mailbox.yaml"), true, Protocol.IMAP,
                Tls.NONE, "127.0.0.1", mail.getImap().getPort(), USER, new Secret("support", "literal"), "INBOX",
                Duration.ofMillis(200), AfterImport.SEEN, null, null));
    }

    private int smtp() {
        return mail.getSmtp().getPort();
    }

    /** One exchange per mail enters the channel route; completed means stored (or quarantined). */
    private NotifyBuilder ingested(int count) {
        return new NotifyBuilder(context).fromRoute(CHANNEL_ROUTE).whenCompleted(count).create();
    }

    private void startAndAwait(NotifyBuilder notify) throws Exception {
        if (!context.isStarted()) {
            context.start();
        }
        assertTrue(notify.matches(30, TimeUnit.SECONDS), "mail was not ingested in time");
    }

    private int messageCount() throws Exception {
        return tickets().stream().mapToInt(Ticket::messageCount).sum();
    }

    private List<Ticket> tickets() throws Exception {
        return queries.list(new TicketFilter(null, null, null), 100, 0);
    }

    private Ticket onlyTicket() throws Exception {
        List<Ticket> all = tickets();
        assertThat(all).hasSize(1);
        return queries.find(all.get(0).id()).orElseThrow();
    }

    private static String gbkMail(String messageId, String subject, String body) {
        return "From: =?GB2312?B?" + java.util.Base64.getEncoder().encodeToString("张三".getBytes(Charset.forName("GBK")))
                + "?= <zhangsan@example.cn>\r\n"
                + "To: support@localhost\r\n"
                + "Subject: " + encodedWord(subject, "GBK", "GB2312") + "\r\n"
                + "Message-ID: <" + messageId + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=\"gb2312\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + base64(body, "GBK") + "\r\n";
    }

    @Test
    void gbkMailLabelledGb2312BecomesTicketWithDecodedSubjectAndText() throws Exception {
        // 「堃」 is in GBK but not in GB2312: real mailers label such text GB2312 anyway
        deliver(smtp(), gbkMail("gbk-1@example.cn", "充值失败，请尽快处理 堃", "我昨天充值了500元但是显示充值失败，交易号20240503123456"));
        startAndAwait(ingested(1));

        Ticket ticket = onlyTicket();
        assertThat(ticket.subject()).isEqualTo("充值失败，请尽快处理 堃");
        assertThat(ticket.customer().address()).isEqualTo("zhangsan@example.cn");
        assertThat(ticket.customer().name()).isEqualTo("张三");
        assertThat(ticket.channel().name()).isEqualTo("test-mailbox");
        TicketMessage message = ticket.messages().get(0);
        assertThat(message.message().text()).contains("我昨天充值了500元但是显示充值失败，交易号20240503123456");
        assertThat(message.message().language()).isEqualTo(Language.ZH);
        assertThat(message.message().externalId()).isEqualTo("gbk-1@example.cn");
        assertThat(queries.raw(message.message().rawRef().substring("sha256:".length()))).isPresent();
        // classified by the shipped taxonomy, with the details an agent needs pulled out into the ticket
        assertThat(ticket.category()).isEqualTo("topup");
        assertThat(message.classification().matches()).isNotEmpty();
        assertThat(ticket.entities().amounts()).singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualByComparingTo("500"));
        assertThat(ticket.entities().references()).extracting(r -> r.value()).containsExactly("20240503123456");
    }

    @Test
    void big5MailIsDecoded() throws Exception {
        String raw = "From: chen@example.tw\r\nTo: support@localhost\r\n"
                + "Subject: " + encodedWord("帳戶被凍結了", "Big5", "big5") + "\r\n"
                + "Message-ID: <big5-1@example.tw>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=big5\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64("我的帳戶被凍結，無法轉帳，請幫忙解鎖。", "Big5") + "\r\n";
        deliver(smtp(), raw);
        startAndAwait(ingested(1));

        Ticket ticket = onlyTicket();
        assertThat(ticket.subject()).isEqualTo("帳戶被凍結了");
        assertThat(ticket.messages().get(0).message().text()).contains("我的帳戶被凍結，無法轉帳，請幫忙解鎖。");
    }

    @Test
    void htmlOnlyMailBecomesReadableText() throws Exception {
        String raw = "From: Alice <alice@example.com>\r\nTo: support@localhost\r\nSubject: Refund\r\n"
                + "Message-ID: <html-1@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<html><head><style>p{color:red}</style></head><body><p>Where is my refund?</p>"
                + "<p>Order&nbsp;no. 12345</p></body></html>\r\n";
        deliver(smtp(), raw);
        startAndAwait(ingested(1));

        var message = onlyTicket().messages().get(0).message();
        assertThat(message.htmlPresent()).isTrue();
        assertThat(message.text()).contains("Where is my refund?").contains("Order no. 12345")
                .doesNotContain("<p>").doesNotContain("color:red");
    }

    @Test
    void attachmentsAreDescribedAndStored() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3, 4};
        String raw = "From: bob@example.com\r\nTo: support@localhost\r\nSubject: Screenshot of the error\r\n"
                + "Message-ID: <att-1@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSee the screenshot.\r\n"
                + "--b1\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + encodedWord("截图.png", "UTF-8", "UTF-8") + "\"\r\n\r\n"
                + java.util.Base64.getEncoder().encodeToString(png) + "\r\n--b1--\r\n";
        deliver(smtp(), raw);
        startAndAwait(ingested(1));

        var attachments = onlyTicket().messages().get(0).message().attachments();
        assertThat(attachments).hasSize(1);
        var a = attachments.get(0);
        assertThat(a.name()).isEqualTo("截图.png");
        assertThat(a.mediaType()).isEqualTo("image/png");
        assertThat(a.size()).isEqualTo(png.length);
        assertThat(a.contentStored()).isTrue();
        assertThat(queries.attachment(a.sha256()).orElseThrow().bytes()).isEqualTo(png);
    }

    @Test
    void replyIsAppendedToItsTicketAndReopensNothingElse() throws Exception {
        deliver(smtp(), gbkMail("first@example.cn", "退款迟迟不到账", "申请退款一周了还没到账"));
        startAndAwait(ingested(1));
        long ticketId = onlyTicket().id();

        deliver(smtp(), textMail("reply-1@example.cn", "zhangsan@example.cn", "Re: 退款", "还是没有到账",
                "In-Reply-To: <first@example.cn>\r\nReferences: <first@example.cn>\r\n"));
        // a reply without In-Reply-To, found by the ticket token in the subject, from the ticket's customer
        deliver(smtp(), textMail("reply-2@example.cn", "zhangsan@example.cn", "Re: 退款 [#" + ticketId + "]",
                "请尽快处理", ""));
        await("three messages", () -> messageCount() == 3);

        Ticket ticket = onlyTicket();
        assertThat(ticket.messages()).extracting(m -> m.message().externalId())
                .containsExactly("first@example.cn", "reply-1@example.cn", "reply-2@example.cn");
    }

    @Test
    void strangerQuotingATicketTokenOpensANewTicket() throws Exception {
        deliver(smtp(), textMail("own@example.com", "customer@example.com", "Card declined", "My card was declined", ""));
        startAndAwait(ingested(1));
        long ticketId = onlyTicket().id();

        deliver(smtp(), textMail("stranger@example.org", "stranger@example.org", "Re: [#" + ticketId + "] hello",
                "I am not the customer", ""));
        await("a second ticket", () -> tickets().size() == 2);

        assertThat(tickets()).hasSize(2);
        assertThat(queries.find(ticketId).orElseThrow().messages()).hasSize(1);
    }

    @Test
    void autoReplyOpensNoTicketAndIsListedAsSuppressed() throws Exception {
        deliver(smtp(), textMail("ooo-1@example.com", "agent@example.com", "Automatic reply: your ticket",
                "I am out of the office until Monday.", "Auto-Submitted: auto-replied\r\n"));
        startAndAwait(ingested(1));

        assertThat(tickets()).isEmpty();
        var suppressed = queries.suppressed(10);
        assertThat(suppressed).hasSize(1);
        assertThat(suppressed.get(0).kind()).isEqualTo("auto_reply");
        assertThat(suppressed.get(0).reason()).containsIgnoringCase("auto-submitted");
    }

    @Test
    void bounceIsAttachedToTheTicketItConcernsOrElseSuppressed() throws Exception {
        deliver(smtp(), textMail("orig-1@example.com", "carol@example.com", "Top-up failed", "My top-up failed", ""));
        startAndAwait(ingested(1));
        long ticketId = onlyTicket().id();

        deliver(smtp(), bounce("bounce-1@mx.example.com", "orig-1@example.com"));
        deliver(smtp(), bounce("bounce-2@mx.example.com", "unknown-original@example.com"));
        await("one bounce attached, one suppressed",
                () -> messageCount() == 2 && queries.suppressed(10).size() == 1);

        assertThat(tickets()).hasSize(1);
        Ticket ticket = queries.find(ticketId).orElseThrow();
        assertThat(ticket.messages()).extracting(TicketMessage::kind).containsExactly("customer", "bounce");
        var suppressed = queries.suppressed(10);
        assertThat(suppressed).hasSize(1);
        assertThat(suppressed.get(0).kind()).isEqualTo("bounce");
        assertThat(suppressed.get(0).concernsExternalId()).isEqualTo("unknown-original@example.com");
    }

    private static String bounce(String messageId, String originalId) {
        return "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\r\nTo: support@localhost\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <" + messageId + ">\r\n"
                + "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r1\"\r\n\r\n"
                + "--r1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                + "--r1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n"
                + "Final-Recipient: rfc822; nobody@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "--r1\r\nContent-Type: message/rfc822\r\n\r\nFrom: support@localhost\r\nTo: nobody@example.com\r\n"
                + "Subject: Re: Top-up failed\r\nMessage-ID: <" + originalId + ">\r\n\r\nWe are looking into it.\r\n"
                + "--r1--\r\n";
    }

    @Test
    void theSameMailFetchedTwiceIsStoredOnce() throws Exception {
        String raw = textMail("dup-1@example.com", "dave@example.com", "Transfer pending", "My transfer is pending", "");
        deliver(smtp(), raw);
        deliver(smtp(), raw);
        startAndAwait(ingested(1));
        // both copies are in the mailbox; once both are \Seen, both were fetched and processed
        awaitAllSeen();

        assertThat(onlyTicket().messages()).hasSize(1);
    }

    @Test
    void poisonMailIsQuarantinedAndTheNextMailStillBecomesATicket() throws Exception {
        // no author's header field and binary content: the one thing the parser finds no reading for
        String poison = "X-Junk: 1\r\n\r\n" + "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008".repeat(16)
                + "\r\n";
        deliver(smtp(), poison);
        deliver(smtp(), textMail("good-1@example.com", "frank@example.com", "Withdrawal", "Cash-out not received", ""));
        await("the good mail stored and the poison quarantined",
                () -> tickets().size() == 1 && queries.quarantine(10).size() == 1);

        assertThat(tickets().get(0).subject()).isEqualTo("Withdrawal");
        var quarantined = queries.quarantine(10);
        assertThat(quarantined).hasSize(1);
        assertThat(quarantined.get(0).stage()).isEqualTo("parse");
        assertThat(quarantined.get(0).reason()).isNotBlank();
        assertThat(queries.raw(quarantined.get(0).rawRef().substring(7)).orElseThrow().bytes()).isNotEmpty();
        awaitAllSeen();
    }

    @Test
    void failureBetweenStoreAndAcknowledgementProducesNoDuplicate() throws Exception {
        AtomicBoolean failed = new AtomicBoolean();
        AdviceWith.adviceWith(context, "ingest", route -> route.weaveById("store").after().process(e -> {
            if (failed.compareAndSet(false, true)) {
                throw new IOException("simulated crash after the store committed");
            }
        }));
        NotifyBuilder failedOnce = new NotifyBuilder(context).fromRoute(CHANNEL_ROUTE).whenFailed(1).create();
        NotifyBuilder thenDone = ingested(1);
        deliver(smtp(), textMail("crash-1@example.com", "grace@example.com", "Balance wrong", "Balance is wrong", ""));
        startAndAwait(failedOnce);
        // the channel searches UNSEEN: being fetched again proves the failed exchange did not acknowledge the mail
        assertTrue(thenDone.matches(30, TimeUnit.SECONDS), "the mail was not fetched again");

        assertThat(onlyTicket().messages()).hasSize(1);
        awaitAllSeen();
    }

    private boolean allSeen() throws Exception {
        MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(mail.getUserManager().getUser(USER));
        List<StoredMessage> messages = inbox.getMessages();
        return !messages.isEmpty() && messages.stream().allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    private void awaitAllSeen() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!allSeen()) {
            assertTrue(System.nanoTime() < deadline, "mail was not flagged \\Seen");
            Thread.sleep(100);
        }
    }
}
