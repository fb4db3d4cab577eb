package org.inboundrouter.channel.email;

import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** Builds raw test mails: text with LF line ends becomes CRLF bytes; non-ASCII parts are added as exact bytes. */
final class TestMails {

    static final ChannelRef CHANNEL = new ChannelRef("imap", "support");
    static final Instant RECEIVED = Instant.parse("2024-05-01T08:00:00Z");
    static final long LIMIT = 10_000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static TestMails mail() {
        return new TestMails();
    }

    /** ASCII text; "\n" becomes "\r\n". */
    TestMails text(String ascii) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(ascii)) {
            throw new IllegalArgumentException("text() takes ASCII; add other bytes with bytes()");
        }
        out.writeBytes(ascii.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Exact bytes, e.g. a raw 8-bit header value. */
    TestMails bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] build() {
        return out.toByteArray();
    }

    Intake parse() throws MailParseException {
        return new MailParser(LIMIT).parse(build(), CHANNEL, RECEIVED);
    }

    static Intake parse(String ascii) throws MailParseException {
        return mail().text(ascii).parse();
    }

    static byte[] encode(String text, String charset) {
        return text.getBytes(Charset.forName(charset));
    }

    /** Base64 with 76-character lines, as mailers write it. */
    static String b64(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }

    static String b64(String text, String charset) {
        return b64(encode(text, charset));
    }

    /** An RFC 2047 B-encoded word. */
    static String bWord(String charset, byte[] bytes) {
        return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }

    /** Quoted-printable body text (every non-ASCII byte and '=' escaped, no soft breaks needed for short text). */
    static String qp(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v == '=' || v >= 0x80) {
                sb.append('=').append(String.format("%02X", v));
            } else {
                sb.append((char) v);
            }
        }
        return sb.toString();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
