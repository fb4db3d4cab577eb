package org.inboundrouter.channel.telegram;

import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Party;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns a bot's updates into messages for the desk, the same way for long polling and for the webhook: a private
 * chat's new or edited message with text, a caption or media becomes an {@link Intake}; everything else (group and
 * channel posts, button presses, service messages) is skipped with a debug line, since a bot added to a group sees
 * chatter that is nobody's support request.
 *
 * <p>The dedup key is {@code telegram:<bot id>:<chat id>:<message_id>}, plus {@code :edit:<edit_date>} for an edit
 * ({@code telegram:<channel name>:...} for a webhook channel that does not know its bot id). Telegram offers an update
 * again until it is confirmed, and after a crash or a 5xx the same message comes back, which the pipeline's ledger then
 * treats as a duplicate. The key names the message rather than the update_id because camel-telegram hands the route
 * the Message without its Update (so polling never sees an update_id), and a message's chat and id are what both
 * variants know: a bot moved from polling to its webhook keeps the same keys and stores nothing twice.
 */
final class TelegramIntakes {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramIntakes.class);

    private final ChannelRef channel;
    private final String namespace;
    private final Long botId;

    /** @param botId the bot's own user id (the token's numeric prefix), null when unknown */
    TelegramIntakes(ChannelRef channel, Long botId) {
        this.channel = channel;
        this.botId = botId;
        this.namespace = "telegram:" + (botId != null ? botId.toString() : channel.name()) + ":";
    }

    String dedupKey(TelegramUpdate update) {
        TelegramChatMessage m = update.message();
        String key = namespace + m.chatId() + ":" + m.messageId();
        if (update.isEdit()) {
            key += ":edit:" + (m.editDate() != null ? m.editDate().getEpochSecond() : "update-" + update.updateId());
        }
        return key;
    }

    /** The message the update carries for the desk, or empty when it is none of the desk's business. */
    Optional<Intake> intake(TelegramUpdate update, byte[] raw, Instant receivedAt) {
        String skip = reasonToSkip(update);
        if (skip != null) {
            LOG.debug("telegram {}: update {} skipped: {}", channel.name(),
                    update.updateId() == null ? "(polled)" : update.updateId(), skip);
            return Optional.empty();
        }
        TelegramChatMessage m = update.message();
        Party sender = m.from() != null ? m.from().party()
                // in a private chat the chat id is the user's id, so the customer is known even without "from"
                : Party.of(TelegramUser.address(Long.parseLong(m.chatId())));
        ChatIntake intake = ChatIntake.from(channel, raw)
                .dedupKey(dedupKey(update))
                .externalId(m.chatId() + ":" + m.messageId())
                .sender(sender)
                .text(m.words())
                .sentAt(update.isEdit() && m.editDate() != null ? m.editDate() : m.date())
                .receivedAt(receivedAt)
                .threadKey(m.chatId())
                .header("telegram-update-id", update.updateId() == null ? null : update.updateId().toString())
                .header("telegram-chat-id", m.chatId())
                .header("telegram-message-id", Long.toString(m.messageId()));
        if (botId != null) {
            intake.recipient(Party.of(TelegramUser.address(botId)));
        }
        if (m.from() != null) {
            intake.header("telegram-language-code", m.from().languageCode());
        }
        if (update.isEdit()) {
            // stored as a message of its own: the customer may have corrected an amount or an order number, and the
            // agent must see both versions; the original stays as it was
            intake.header("telegram-edit", "edit of message " + m.messageId()
                    + (m.editDate() != null ? " at " + m.editDate() : ""));
        }
        if (m.media() != null) {
            intake.header("telegram-media", m.media().describe());
        }
        return Optional.of(intake.build());
    }

    private static String reasonToSkip(TelegramUpdate update) {
        TelegramChatMessage m = update.message();
        if (m == null) {
            return "carries " + update.field() + ", not a message";
        }
        if (!m.isPrivateChat()) {
            return "from a " + m.chatType() + " chat; only private chats with the bot are support requests";
        }
        if (m.from() != null && m.from().bot()) {
            return "sent by a bot";
        }
        if (m.words().isBlank() && m.media() == null) {
            return "a message without text, caption or media (a service message, location, contact, poll...)";
        }
        return null;
    }
}
