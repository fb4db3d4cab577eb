package org.inboundrouter.bench.email;

import org.inboundrouter.bench.BenchMessages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Support mail as mailers send it, about 3 KB each: a Received chain, a DKIM signature, an encoded-word subject, and
 * multipart/alternative with base64 UTF-8 text and HTML; the texts are the classifier benchmark's (70% Chinese).
 * Each mail comes from its own customer, so every one opens a ticket.
 *
 * <p>Usage: {@code BenchMails DIR COUNT [PREFIX]} writes DIR/00000.eml ... with Message-IDs {@code PREFIX-i@bench}.
 */
public final class BenchMails {

    private static final String[] TEXTS = BenchMessages.build();
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private BenchMails() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        String prefix = args.length > 2 ? args[2] : "bench";
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            byte[] mail = mail(prefix, i);
            bytes += mail.length;
            Files.write(dir.resolve(String.format(Locale.ROOT, "%05d.eml", i)), mail);
        }
        System.out.printf(Locale.ROOT, "mails: %d written to %s, %.0f bytes on average%n", count, dir,
                (double) bytes / count);
    }

    public static byte[] mail(String prefix, int i) {
        Random random = new Random(i);
        String text = TEXTS[i % TEXTS.length];
        String subject = text.length() > 24 ? text.substring(0, 24) : text;
        String customer = "customer" + i;
        String date = ZonedDateTime.of(2026, 11, 20, 8, 0, 0, 0, ZoneOffset.ofHours(8)).plusSeconds(i).format(DATE);
        String quoted = TEXTS[(i + 7) % TEXTS.length];
        String body = text + "\n\n" + customer + "\n发自我的手机\n\n在 2026年11月19日 18:02，support@example.com 写道：\n"
                + "> 您好，感谢您联系客服。关于您反馈的问题：\n> " + quoted + "\n> 请提供交易号，我们会尽快处理。\n";
        String html = "<html><body><div dir=\"ltr\"><p>" + text + "</p><p>" + customer
                + "</p><p style=\"color:#888\">发自我的手机</p></div></body></html>";
        String boundary = "b1_" + Long.toHexString(random.nextLong());
        String raw = received("mx1.example.com", "mail.customer.example", random, date)
                + received("mx2.example.com", "mx1.example.com", random, date)
                + received("imap.example.com", "mx2.example.com", random, date)
                + "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=customer.example; s=s1;\r\n"
                + "\th=from:to:subject:date:message-id; bh=" + base64(random, 32) + ";\r\n"
                + "\tb=" + base64(random, 96) + "\r\n"
                + "\t " + base64(random, 96) + "\r\n"
                + "From: =?UTF-8?B?" + b64("客户" + i) + "?= <" + customer + "@customer.example>\r\n"
                + "To: support@example.com\r\n"
                + "Subject: =?UTF-8?B?" + b64(subject) + "?=\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <" + prefix + "-" + i + "@bench>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "X-Mailer: Bench Mailer 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + wrapped(b64(body)) + "\r\n"
                + "--" + boundary + "\r\nContent-Type: text/html; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + wrapped(b64(html)) + "\r\n"
                + "--" + boundary + "--\r\n";
        return raw.getBytes(StandardCharsets.US_ASCII);
    }

    private static String received(String by, String from, Random random, String date) {
        return "Received: from " + from + " (" + from + " [10.0." + random.nextInt(256) + "." + random.nextInt(256)
                + "])\r\n\tby " + by + " with ESMTPS id " + Long.toHexString(random.nextLong())
                + "\r\n\tfor <support@example.com>; " + date + "\r\n";
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static String wrapped(String base64) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 76) {
            out.append(base64, i, Math.min(base64.length(), i + 76)).append("\r\n");
        }
        return out.toString();
    }
}
