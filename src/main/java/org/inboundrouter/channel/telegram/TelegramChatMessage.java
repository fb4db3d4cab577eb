package org.inboundrouter.channel.telegram;

import java.time.Instant;

/**
 * A Bot API {@code Message} as far as the desk needs it.
 *
 * @param chatType {@code private}, {@code group}, {@code supergroup} or {@code channel}
 * @param from     the sender; null when Telegram sent none (channel posts, anonymous group admins)
 * @param editDate when the message was last edited, null for a new message
 * @param media    the photo, document, video, voice... it carries, null for plain text
 */
public record TelegramChatMessage(long messageId, String chatId, String chatType, TelegramUser from, Instant date,
        Instant editDate, String text, String caption, TelegramMedia media) {

    public boolean isPrivateChat() {
        return "private".equals(chatType);
    }

    /** The words the customer wrote: the text, or the caption of a media message. */
    public String words() {
        if (text != null && !text.isBlank()) {
            return text;
        }
        return caption == null ? "" : caption;
    }
}
