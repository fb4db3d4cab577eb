package org.inboundrouter.channel.telegram;

import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.ChannelRef;

import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code kind: telegram-webhook}: a bot whose updates Telegram posts to {@code /webhooks/<channel>} (setWebhook),
 * authenticated by the {@code secret_token} given to setWebhook. See docs/channels/telegram.md.
 *
 * @param secretToken the secret_token given to setWebhook; Telegram sends it in X-Telegram-Bot-Api-Secret-Token
 * @param botId       the bot's user id (the bot token's numeric prefix), optional: with it the dedup keys are the same
 *                    as a polled channel's for the same bot
 */
public record TelegramWebhookConfig(String name, Path file, boolean enabled, Secret secretToken, Long botId,
        long maxBodyBytes) implements WebhookChannelConfig {

    /** What setWebhook accepts as secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Set<String> FIELDS = Set.of("secretToken", "botId", "maxBodyBytes");

    public static TelegramWebhookConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        Secret secret = s.secret("secretToken");
        if (secret != null && !SECRET.matcher(secret.value()).matches()) {
            s.yaml().problem("secretToken", "the value from " + secret.source() + " is not a valid secret_token: "
                    + "Telegram takes 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
        } else if (secret != null && secret.value().length() < 16) {
            s.yaml().problem("secretToken", "is shorter than 16 characters; it is all that keeps strangers from "
                    + "posting updates (e.g. openssl rand -hex 32)");
        }
        Long botId = null;
        String id = s.yaml().string("botId", null);
        if (id != null) {
            if (id.matches("\\d{1,20}")) {
                botId = Long.parseLong(id);
            } else {
                s.yaml().problem("botId", "must be the bot's numeric user id (the digits before ':' in its token)");
            }
        }
        long max = s.yaml().integer("maxBodyBytes", 1024 * 1024, 1024, 64 * 1024 * 1024);
        return new TelegramWebhookConfig(s.name(), s.file(), s.enabled(), secret, botId, max);
    }

    @Override
    public String kind() {
        return ChannelRef.TELEGRAM;
    }

    @Override
    public WebhookChannel open() {
        return new TelegramWebhook(this);
    }
}
