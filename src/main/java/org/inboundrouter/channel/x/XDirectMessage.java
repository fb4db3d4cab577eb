package org.inboundrouter.channel.x;

import java.time.Instant;
import java.util.List;

/**
 * One X direct message, whichever way it reached us (an Account Activity event or the DM events list): the fields the
 * desk needs, taken from X's {@code message_create} event.
 *
 * @param id          the DM event id (a 64-bit number written as a string)
 * @param senderId    {@code message_create.sender_id}
 * @param recipientId {@code message_create.target.recipient_id}
 * @param text        {@code message_data.text} with t.co links replaced by the links the customer wrote
 * @param createdAt   {@code created_timestamp}; null when X gave none
 * @param media       HTTPS URLs of attached media (they stay at X and need the account's credentials to fetch)
 * @param sourceAppId the app the message was sent from, when X says
 */
public record XDirectMessage(String id, String senderId, String recipientId, String text, Instant createdAt,
        List<String> media, String sourceAppId) {

    public XDirectMessage {
        media = media == null ? List.of() : List.copyOf(media);
    }

    /**
     * X's id for a one-to-one conversation, {@code <lower id>-<higher id>}: the same for both directions, so it names
     * the conversation rather than the message.
     */
    public String conversationId() {
        return XUserIds.lessThan(senderId, recipientId) ? senderId + "-" + recipientId : recipientId + "-" + senderId;
    }
}
