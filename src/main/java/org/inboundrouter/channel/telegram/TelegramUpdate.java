package org.inboundrouter.channel.telegram;

/**
 * One Bot API {@code Update}, reduced to what the desk uses, whichever way it arrived (long polling through
 * camel-telegram, or the webhook's own JSON parsing).
 *
 * @param updateId the update's sequence number at Telegram, null when it came through camel-telegram (which hands the
 *                 route the Message and drops the Update around it)
 * @param field    which optional field of the Update carried it: {@code message}, {@code edited_message},
 *                 {@code channel_post}, {@code callback_query}, ... ({@code unknown} when camel-telegram's model
 *                 did not keep it)
 * @param message  the message for {@code message} and {@code edited_message}, else null
 */
public record TelegramUpdate(Long updateId, String field, TelegramChatMessage message) {

    public static final String MESSAGE = "message";
    public static final String EDITED_MESSAGE = "edited_message";

    public boolean isEdit() {
        return EDITED_MESSAGE.equals(field);
    }
}
