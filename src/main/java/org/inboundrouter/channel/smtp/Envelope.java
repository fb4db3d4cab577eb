package org.inboundrouter.channel.smtp;

import java.util.List;

/**
 * What the MTA said about one message besides its content.
 *
 * @param reversePath the MAIL FROM address; empty for a bounce ({@code MAIL FROM:<>})
 * @param recipients  the accepted RCPT TO addresses, in order
 * @param client      the client's HELO/EHLO/LHLO name and address, e.g. {@code mx1.example.com [127.0.0.1]}
 * @param protocol    as a Received header names it: SMTP, ESMTP, ESMTPS, LMTP, LMTPS
 */
record Envelope(String reversePath, List<String> recipients, String client, String protocol) {

    Envelope {
        recipients = List.copyOf(recipients);
    }
}
