package org.inboundrouter.channel.smtp;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** STARTTLS with {@code requireTls}: nothing of a transaction before TLS, and angus-mail delivers over it. */
class SmtpStartTlsTest {

    @TempDir
    Path dir;
    private TestDaemon daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void withRequireTlsMailIsTakenOnlyAfterStartTls() throws Exception {
        Path keystore = dir.resolve("mx.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "mx", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=mx.test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        int port = ListenerPorts.free();
        daemon = TestDaemon.start(dir, Map.of("MX_KEYSTORE_PASSWORD", "changeit"), Map.of("support-mx", """
                kind: smtp
                port: %d
                acceptRecipients: support@example.com
                tlsKeystore: %s
                tlsKeystorePassword: ${env:MX_KEYSTORE_PASSWORD}
                requireTls: true
                """.formatted(port, keystore.toString().replace('\\', '/'))));

        try (RawSmtpClient c = new RawSmtpClient(port)) {
            c.next();
            c.send("EHLO client.test\r\n");
            assertThat(c.reply()).contains("250 STARTTLS");
            assertThat(c.command("MAIL FROM:<zhangsan@example.cn>")).startsWith("530 5.7.0");
            assertThat(c.command("AUTH LOGIN")).as("never over plain text, nor at all").startsWith("502");
        }

        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.trust", "127.0.0.1");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        p.setProperty("mail.smtp.timeout", "20000");
        Session session = Session.getInstance(p);
        MimeMessage mail = new MimeMessage(session, new ByteArrayInputStream(
                SmtpListenerTest.gbkMail("tls-1@example.cn", "有人冒充客服骗我转账", "有人冒充客服让我转账，是诈骗吗")));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(mail, new Address[]{new InternetAddress("support@example.com")});
        }
        JsonNode ticket = daemon.ticket(daemon.awaitTickets(1).get(0).get("id").asLong());
        assertThat(ticket.get("messages").get(0).get("headers").get("x-received-via").asText())
                .endsWith("with ESMTPS");
    }
}
