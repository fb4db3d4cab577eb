package org.inboundrouter.channel.smtp;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The listener in the whole daemon, driven by an SMTP client from outside (angus-mail's Transport where a mail
 * library's behaviour is the point, a raw socket for the protocol's edges) and checked through the HTTP API.
 */
class SmtpListenerTest {

    private static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;
    private TestDaemon daemon;
    private int port;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private void start(String extra) throws Exception {
        port = ListenerPorts.free();
        daemon = TestDaemon.start(dir, Map.of(), Map.of("support-mx", """
                kind: smtp
                host: 127.0.0.1
                port: %d
                acceptRecipients: support@example.com, @help.example.com
                serverName: mx.test
                %s
                """.formatted(port, extra)));
    }

    /** A mail as an older Chinese mailer writes it: GB2312/GBK, base64 body, encoded-word subject. */
    static byte[] gbkMail(String messageId, String subject, String body) {
        String s = Base64.getEncoder().encodeToString(subject.getBytes(GBK));
        String b = Base64.getMimeEncoder().encodeToString(body.getBytes(GBK));
        return ("From: =?GBK?B?" + Base64.getEncoder().encodeToString("张三".getBytes(GBK))
                + "?= <zhangsan@example.cn>\r\n"
                + "To: support@example.com\r\n"
                + "Subject: =?GB2312?B?" + s + "?=\r\n"
                + "Message-ID: <" + messageId + ">\r\n"
                + "Date: Fri, 03 May 2024 10:15:00 +0800\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=GBK\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n" + b + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private Session mailSession(Properties extra) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.localhost", "client.test");
        p.setProperty("mail.smtp.timeout", "20000");
        p.putAll(extra);
        return Session.getInstance(p);
    }

    @Test
    void aGbkMailSentOverSmtpBecomesATicket() throws Exception {
        start("");
        Session session = mailSession(new Properties());
        MimeMessage mail = new MimeMessage(session, new ByteArrayInputStream(gbkMail("topup-1@example.cn",
                "充值失败，请尽快处理", "我昨天充值了500元但是显示充值失败，交易号20240503123456")));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            // sendMessage, not Transport.send: that would give the mail a new Message-ID first
            transport.sendMessage(mail, new Address[]{new InternetAddress("support@example.com")});
        }

        JsonNode tickets = daemon.awaitTickets(1);
        assertThat(tickets).hasSize(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("subject").asText()).isEqualTo("充值失败，请尽快处理");
        assertThat(ticket.get("category").asText()).isEqualTo("topup");
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("email");
        assertThat(ticket.get("channel").get("name").asText()).isEqualTo("support-mx");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo("我昨天充值了500元但是显示充值失败，交易号20240503123456");
        assertThat(message.get("sender").get("address").asText()).isEqualTo("zhangsan@example.cn");
        assertThat(message.get("sender").get("name").asText()).isEqualTo("张三");
        assertThat(message.get("externalId").asText()).isEqualTo("topup-1@example.cn");
        JsonNode headers = message.get("headers");
        assertThat(headers.get("x-envelope-from").asText()).isEqualTo("<zhangsan@example.cn>");
        assertThat(headers.get("x-envelope-to").asText()).isEqualTo("support@example.com");
        assertThat(headers.get("x-received-via").asText()).isEqualTo("from client.test [127.0.0.1] with ESMTP");

        // the raw source is kept byte for byte as the client sent it (after dot-unstuffing)
        String rawRef = message.get("rawRef").asText();
        assertThat(rawRef).isEqualTo(org.inboundrouter.model.Sha256.ref(mailBytesAsSent(mail)));
        assertThat(daemon.get("/api/raw/" + rawRef.substring("sha256:".length())).statusCode()).isEqualTo(200);
    }

    private static byte[] mailBytesAsSent(MimeMessage mail) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void anUnknownRecipientIsRefusedWith550AndTheOthersStillGetTheMail() throws Exception {
        start("");
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            assertThat(c.next()).startsWith("220 mx.test ESMTP");
            c.send("EHLO client.test\r\n");
            List<String> ehlo = c.reply();
            assertThat(ehlo).contains("250-PIPELINING", "250-SIZE " + 25L * 1024 * 1024, "250-8BITMIME",
                    "250-ENHANCEDSTATUSCODES").noneMatch(l -> l.contains("STARTTLS") || l.contains("AUTH"));
            assertThat(c.command("MAIL FROM:<zhangsan@example.cn>")).isEqualTo("250 2.1.0 Ok");
            assertThat(c.command("RCPT TO:<sales@example.com>")).startsWith("550 5.1.1 <sales@example.com>");
            assertThat(c.command("RCPT TO:<someone@sub.help.example.com>")).startsWith("550 5.1.1");
            assertThat(c.command("DATA")).as("no recipient accepted yet").startsWith("554 5.5.1");
            assertThat(c.command("RCPT TO:<Support@Example.COM>")).isEqualTo("250 2.1.5 Ok");
            assertThat(c.command("RCPT TO:<agent@help.example.com>")).isEqualTo("250 2.1.5 Ok");
            assertThat(c.command("DATA")).startsWith("354");
            c.send(RawSmtpClient.dotStuffed(gbkMail("r-1@example.cn", "退款", "退款还没到账")));
            assertThat(c.command(".")).isEqualTo("250 2.0.0 Ok: stored");
            assertThat(c.command("QUIT")).startsWith("221");
        }
        JsonNode ticket = daemon.ticket(daemon.awaitTickets(1).get(0).get("id").asLong());
        assertThat(ticket.get("messages").get(0).get("headers").get("x-envelope-to").asText())
                .isEqualTo("Support@Example.COM, agent@help.example.com");

        // and what a mail library makes of it
        Session session = mailSession(new Properties());
        MimeMessage mail = new MimeMessage(session, new ByteArrayInputStream(gbkMail("r-2@example.cn", "x", "y")));
        assertThatThrownBy(() -> {
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(mail, new Address[]{new InternetAddress("nobody@example.org")});
            }
        })
                .isInstanceOf(SendFailedException.class)
                .satisfies(e -> assertThat(((SendFailedException) e).getInvalidAddresses()).hasSize(1));
    }

    @Test
    void anOversizedMessageIsRefusedWith552WhetherDeclaredOrNot() throws Exception {
        start("maxMessageBytes: 4KiB");
        byte[] big = gbkMail("big@example.cn", "充值失败", "充值失败".repeat(1000));
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            c.send("EHLO client.test\r\n");
            assertThat(c.reply()).contains("250-SIZE 4096");
            assertThat(c.command("MAIL FROM:<zhangsan@example.cn> SIZE=" + big.length))
                    .startsWith("552 5.3.4");
            // not declared: read to its end, refused, and the session goes on
            List<String> replies = c.transaction("zhangsan@example.cn", List.of("support@example.com"), big, 1);
            assertThat(replies).containsExactly("552 5.3.4 Message size exceeds the limit of 4096 bytes");
            byte[] small = gbkMail("small@example.cn", "充值失败", "充值失败了");
            assertThat(c.transaction("zhangsan@example.cn", List.of("support@example.com"), small, 1))
                    .containsExactly("250 2.0.0 Ok: stored");
        }
        JsonNode tickets = daemon.awaitTickets(1);
        Thread.sleep(300);
        assertThat(daemon.tickets()).hasSize(1);
        assertThat(tickets.get(0).get("subject").asText()).isEqualTo("充值失败");
    }

    @Test
    void lmtpAnswersOncePerRecipientAfterData() throws Exception {
        start("protocol: lmtp");
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            assertThat(c.next()).startsWith("220 mx.test LMTP");
            assertThat(c.command("EHLO client.test")).startsWith("500 5.5.1");
            c.send("LHLO client.test\r\n");
            assertThat(c.reply()).contains("250-PIPELINING", "250-ENHANCEDSTATUSCODES");
            assertThat(c.command("MAIL FROM:<zhangsan@example.cn> BODY=8BITMIME")).startsWith("250");
            assertThat(c.command("RCPT TO:<support@example.com>")).startsWith("250");
            assertThat(c.command("RCPT TO:<nobody@example.com>")).startsWith("550 5.1.1");
            assertThat(c.command("RCPT TO:<cn@help.example.com>")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            c.send(RawSmtpClient.dotStuffed(gbkMail("lmtp-1@example.cn", "提现", "提现到银行卡一直没到账")));
            c.send(".\r\n");
            // one reply for each accepted recipient, none for the refused one
            assertThat(c.next()).isEqualTo("250 2.0.0 Ok: stored");
            assertThat(c.next()).isEqualTo("250 2.0.0 Ok: stored");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("QUIT")).startsWith("221");
        }
        JsonNode tickets = daemon.awaitTickets(1);
        Thread.sleep(300);
        assertThat(daemon.tickets()).as("one message for both recipients").hasSize(1);
        JsonNode message = daemon.ticket(tickets.get(0).get("id").asLong()).get("messages").get(0);
        assertThat(message.get("headers").get("x-envelope-to").asText())
                .isEqualTo("support@example.com, cn@help.example.com");
        assertThat(message.get("headers").get("x-received-via").asText()).endsWith("with LMTP");
    }

    @Test
    void aMessageSentAgainAfterItsReplyWasLostIsOneTicket() throws Exception {
        start("");
        byte[] mail = gbkMail("lost-250@example.cn", "账户被冻结", "我的账户被冻结了，请帮我解锁");
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            c.command("EHLO client.test");
            c.command("MAIL FROM:<zhangsan@example.cn>");
            c.command("RCPT TO:<support@example.com>");
            c.command("DATA");
            c.send(RawSmtpClient.dotStuffed(mail));
            c.send(".\r\n");
            // the connection drops before the client reads the 250: the MTA must assume nothing was delivered
        }
        daemon.awaitTickets(1);
        // the MTA's retry, some time later, on a new connection
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            c.command("EHLO client.test");
            assertThat(c.transaction("zhangsan@example.cn", List.of("support@example.com"), mail, 1))
                    .containsExactly("250 2.0.0 Ok: stored");
        }
        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        assertThat(daemon.ticket(tickets.get(0).get("id").asLong()).get("messages")).hasSize(1);

        // a mail without Message-ID is recognized by its bytes
        byte[] noId = ("From: lisi@example.cn\r\nTo: support@example.com\r\nSubject: help\r\n\r\n忘记密码了\r\n")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            try (RawSmtpClient c = new RawSmtpClient(port)) {
                c.next();
                c.command("EHLO client.test");
                assertThat(c.transaction("lisi@example.cn", List.of("support@example.com"), noId, 1))
                        .containsExactly("250 2.0.0 Ok: stored");
            }
        }
        assertThat(daemon.awaitTickets(2)).hasSize(2);
        Thread.sleep(300);
        assertThat(daemon.tickets()).hasSize(2);
    }

    @Test
    void pipelinedCommandsDotStuffingAndBareLineFeedsAreHandledAsTheRfcSays() throws Exception {
        start("");
        String body = "第一行\r\n.以点开头的一行\r\n..两个点\r\n.\nthe line above is a dot and a bare LF, not the end\r\n"
                + "最后一行";
        byte[] mail = ("From: wangwu@example.cn\r\nTo: support@example.com\r\nSubject: dots\r\n"
                + "Message-ID: <dots@example.cn>\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            // a pipelining client sends the whole envelope at once (RFC 2920) and reads the replies in order
            c.send("EHLO client.test\r\nMAIL FROM:<wangwu@example.cn> BODY=8BITMIME SMTPUTF8\r\n"
                    + "RCPT TO:<support@example.com>\r\nDATA\r\n");
            assertThat(c.reply()).first().asString().startsWith("250-mx.test");
            assertThat(c.next()).isEqualTo("250 2.1.0 Ok");
            assertThat(c.next()).isEqualTo("250 2.1.5 Ok");
            assertThat(c.next()).startsWith("354");
            c.send(RawSmtpClient.dotStuffed(mail));
            c.send(".\r\nQUIT\r\n");
            assertThat(c.next()).isEqualTo("250 2.0.0 Ok: stored");
            assertThat(c.next()).startsWith("221");
            assertThat(c.closedByServer()).isTrue();
        }
        JsonNode message = daemon.ticket(daemon.awaitTickets(1).get(0).get("id").asLong()).get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo(("第一行\n.以点开头的一行\n..两个点\n"
                + ".\nthe line above is a dot and a bare LF, not the end\n最后一行"));
    }

    @Test
    void commandsOutOfOrderOrMalformedGetTheirErrorAndTheSessionGoesOn() throws Exception {
        start("");
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            assertThat(c.command("MAIL FROM:<a@example.cn>")).startsWith("503 5.5.1");
            assertThat(c.command("LHLO client.test")).startsWith("500 5.5.1");
            assertThat(c.command("HELO")).startsWith("501");
            assertThat(c.command("HELO client.test")).isEqualTo("250 mx.test");
            assertThat(c.command("MAIL FROM:<a@example.cn> SIZE=10")).as("parameters need EHLO")
                    .startsWith("555");
            assertThat(c.command("EHLO client.test")).startsWith("250 ");
            assertThat(c.command("RCPT TO:<support@example.com>")).startsWith("503 5.5.1");
            assertThat(c.command("MAIL FROM:<a@example.cn> RET=HDRS")).startsWith("555 5.5.4");
            assertThat(c.command("MAIL FROM:a example")).startsWith("501 5.1.7");
            assertThat(c.command("MAIL FROM:<>")).as("a bounce's null sender").isEqualTo("250 2.1.0 Ok");
            assertThat(c.command("MAIL FROM:<a@example.cn>")).startsWith("503 5.5.1");
            assertThat(c.command("RCPT TO:<support@example.com> NOTIFY=NEVER")).startsWith("555");
            assertThat(c.command("RSET")).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("DATA")).startsWith("503 5.5.1");
            assertThat(c.command("AUTH PLAIN AGFsaWNlAHNlY3JldA==")).startsWith("502");
            assertThat(c.command("STARTTLS")).as("no key configured").startsWith("502");
            assertThat(c.command("VRFY support")).startsWith("252");
            assertThat(c.command("X".repeat(5000))).isEqualTo("500 5.5.2 Line too long");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("QUIT")).startsWith("221");
        }
        // an HTTP request is not a confused MTA: closed at once
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            assertThat(c.command("GET / HTTP/1.1")).startsWith("421");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aMailThatCannotBeParsedIsQuarantinedAndAccepted() throws Exception {
        start("");
        // no author's header field and binary content: the one thing the parser finds no reading for
        byte[] broken = ("X-Junk: 1\r\n\r\n" + "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008".repeat(16)
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            c.command("EHLO client.test");
            assertThat(c.transaction("zhaoliu@example.cn", List.of("support@example.com"), broken, 1))
                    .containsExactly("250 2.0.0 Ok: stored");
        }
        JsonNode quarantine = Json.mapper().readTree(daemon.get("/api/quarantine?status=open").body());
        assertThat(quarantine).hasSize(1);
        assertThat(quarantine.get(0).get("stage").asText()).isEqualTo("parse");
        assertThat(quarantine.get(0).get("channel").get("name").asText()).isEqualTo("support-mx");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void connectionsPastTheLimitAreToldToComeBackLater() throws Exception {
        start("maxConnections: 1");
        try (RawSmtpClient first = new RawSmtpClient(port)) {
            assertThat(first.next()).startsWith("220");
            try (RawSmtpClient second = new RawSmtpClient(port)) {
                assertThat(second.next()).startsWith("421 4.7.0");
                assertThat(second.closedByServer()).isTrue();
            }
            assertThat(first.command("QUIT")).startsWith("221");
        }
        Thread.sleep(200);
        try (RawSmtpClient third = new RawSmtpClient(port)) {
            assertThat(third.next()).startsWith("220");
        }
    }

    @Test
    void theListenerStopsWithTheDaemon() throws Exception {
        start("");
        try (RawSmtpClient idle = new RawSmtpClient(port)) {
            idle.next();
            daemon.close();
            daemon = null;
            assertThat(idle.closedByServer()).isTrue();
        }
        assertThatThrownBy(() -> new RawSmtpClient(port).close()).isInstanceOf(java.net.ConnectException.class);
    }
}
