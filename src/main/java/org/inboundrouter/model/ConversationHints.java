package org.inboundrouter.model;

import java.util.List;

/**
 * What a message says about the conversation it belongs to.
 *
 * @param inReplyTo  the Message-ID (without angle brackets) this message answers, if any
 * @param references earlier Message-IDs of the thread, oldest first
 * @param threadKey  a channel-specific conversation key (a chat id, a phone pair), null for email
 */
public record ConversationHints(String inReplyTo, List<String> references, String threadKey) {

    public ConversationHints {
        references = references == null ? List.of() : List.copyOf(references);
    }

    public static ConversationHints none() {
        return new ConversationHints(null, List.of(), null);
    }
}
