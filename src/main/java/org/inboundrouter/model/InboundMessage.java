package org.inboundrouter.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One inbound message, whatever channel it came through: the normalized model every later stage works on.
 * Immutable; its JSON form is what the API returns and what the store keeps.
 *
 * @param id           our id (a UUID), assigned when the message is normalized
 * @param channel      the channel kind and instance name
 * @param externalId   the source's own id: Message-ID for email (without angle brackets), SMS id, ...
 * @param conversation In-Reply-To, References and thread key
 * @param sender       who wrote it
 * @param recipients   To and Cc for email; the receiving number or account otherwise
 * @param subject      decoded subject, null where the channel has none
 * @param text         the clean text: quoted history and signature removed
 * @param quotedText   what was removed as quoted history, kept for agents who need it
 * @param signature    what was removed as signature
 * @param htmlPresent  whether the source had an HTML body
 * @param attachments  attachment descriptions (bytes in the store)
 * @param sentAt       when the sender says it was sent (Date header), may be null
 * @param receivedAt   when the router received it
 * @param language     zh, en, mixed or unknown
 * @param headers      the headers that matter for routing and auditing (lower-case names)
 * @param rawRef       reference to the raw source in the store: {@code sha256:<hex>}
 * @param warnings     what was odd but recoverable while parsing (unknown charset, broken encoded word, ...)
 */
public record InboundMessage(
        String id,
        ChannelRef channel,
        String externalId,
        ConversationHints conversation,
        Party sender,
        List<Party> recipients,
        String subject,
        String text,
        String quotedText,
        String signature,
        boolean htmlPresent,
        List<Attachment> attachments,
        Instant sentAt,
        Instant receivedAt,
        Language language,
        Map<String, String> headers,
        String rawRef,
        List<String> warnings) {

    public InboundMessage {
        conversation = conversation == null ? ConversationHints.none() : conversation;
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
