package org.inboundrouter.channel.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One reply: the code, the RFC 3463 enhanced status code (null where RFC 2034 leaves it out: the greeting and the
 * EHLO answer) and the text, possibly over several lines.
 */
record SmtpReply(int code, String status, List<String> lines) {

    static SmtpReply of(int code, String status, String text) {
        return new SmtpReply(code, status, List.of(text));
    }

    static SmtpReply plain(int code, String... lines) {
        return new SmtpReply(code, null, List.of(lines));
    }

    boolean positive() {
        return code < 400;
    }

    /** Closes the connection after it is sent. */
    boolean closing() {
        return code == 221 || code == 421;
    }

    byte[] bytes() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) {
                out.append(status).append(' ');
            }
            // a reply line never carries a line break of its own: whatever it quotes is flattened
            out.append(lines.get(i).replaceAll("[\\r\\n]+", " ")).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return new String(bytes(), StandardCharsets.UTF_8).trim();
    }
}
