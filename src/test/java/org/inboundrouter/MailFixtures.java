package org.inboundrouter;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

/** Builds raw mails for tests and delivers them over SMTP exactly as written (no re-encoding, no new Message-ID). */
public final class MailFixtures {

    private MailFixtures() {
    }

    /** An RFC 2047 B-encoded word of {@code text} in {@code charset}, labelled {@code label}. */
    public static String encodedWord(String text, String charset, String label) {
        return "=?" + label + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(Charset.forName(charset))) + "?=";
    }

    public static String base64(String text, String charset) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(text.getBytes(Charset.forName(charset)));
    }

    /** A plain text mail in UTF-8. */
    public static String textMail(String messageId, String from, String subject, String body, String extraHeaders) {
        return "From: " + from + "\r\n"
                + "To: support@localhost\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Fri, 03 May 2024 15:04:05 +0800\r\n"
                + (messageId == null ? "" : "Message-ID: <" + messageId + ">\r\n")
                + extraHeaders
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + base64(body, "UTF-8") + "\r\n";
    }

    /** Sends {@code raw} to support@localhost through the SMTP server on 127.0.0.1:{@code port}. */
    public static void deliver(int port, String raw) {
        deliver(port, raw.getBytes(StandardCharsets.ISO_8859_1.newEncoder().canEncode(raw)
                ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
    }

    public static void deliver(int port, byte[] raw) {
        deliver(port, raw, "support@localhost");
    }

    public static void deliver(int port, byte[] raw, String recipient) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(props);
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                // sendMessage, not Transport.send: the latter calls saveChanges and rewrites the Message-ID
                transport.sendMessage(message, new InternetAddress[] {new InternetAddress(recipient)});
            }
        } catch (Exception e) {
            throw new IllegalStateException("SMTP delivery failed", e);
        }
    }
}
