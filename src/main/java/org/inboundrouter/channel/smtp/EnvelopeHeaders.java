package org.inboundrouter.channel.smtp;

import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Party;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds what the MTA said about a message to its headers (the raw bytes stay exactly as received, so that a message
 * sent again has the same hash). A final delivery agent would write them into the message as Return-Path and
 * Received (RFC 5321 §4.4); here they are kept beside it, for auditing and for routing on the envelope.
 */
final class EnvelopeHeaders {

    /** {@code <address>}, {@code <>} for a bounce */
    static final String FROM = "x-envelope-from";
    /** the accepted recipients, comma-separated */
    static final String TO = "x-envelope-to";
    /** {@code from helo-name [ip] with ESMTP} */
    static final String RECEIVED = "x-received-via";

    private EnvelopeHeaders() {
    }

    static Intake add(Intake intake, Envelope envelope) {
        InboundMessage m = intake.message();
        Map<String, String> headers = new LinkedHashMap<>(m.headers());
        headers.put(FROM, "<" + envelope.reversePath() + ">");
        headers.put(TO, String.join(", ", envelope.recipients()));
        headers.put(RECEIVED, "from " + envelope.client() + " with " + envelope.protocol());
        // a mail without From, Sender or Return-Path still has a sender: the one the MTA was told
        Party sender = m.sender() == null && !envelope.reversePath().isEmpty()
                ? Party.of(envelope.reversePath()) : m.sender();
        InboundMessage message = new InboundMessage(m.id(), m.channel(), m.externalId(), m.conversation(), sender,
                m.recipients(), m.subject(), m.text(), m.quotedText(), m.signature(), m.htmlPresent(),
                m.attachments(), m.sentAt(), m.receivedAt(), m.language(), headers, m.rawRef(), m.warnings());
        return new Intake(message, intake.raw(), intake.attachmentContents(), intake.noise(), intake.dedupKey());
    }
}
