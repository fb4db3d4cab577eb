package org.inboundrouter.channel.telegram;

import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.channel.webhook.WebhookReply;
import org.inboundrouter.channel.webhook.WebhookRequest;
import org.inboundrouter.channel.webhook.WebhookResult;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;

import java.util.List;
import java.util.Optional;

/**
 * A bot's updates posted by Telegram: one Update as JSON per request, with the setWebhook secret_token in
 * {@code X-Telegram-Bot-Api-Secret-Token}. Answered 200 with an empty body once stored (Telegram reads a body as a
 * Bot API call to make, so nothing is sent back); on anything but 2xx Telegram delivers the update again, and the
 * dedup key turns what was already stored into a duplicate.
 */
final class TelegramWebhook implements WebhookChannel {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final String JSON = "application/json";

    private final TelegramWebhookConfig config;
    private final ChannelRef channel;
    private final TelegramIntakes intakes;

    TelegramWebhook(TelegramWebhookConfig config) {
        this.config = config;
        this.channel = new ChannelRef(ChannelRef.TELEGRAM, config.name());
        this.intakes = new TelegramIntakes(channel, config.botId());
    }

    @Override
    public ChannelRef channel() {
        return channel;
    }

    @Override
    public long maxBodyBytes() {
        return config.maxBodyBytes();
    }

    @Override
    public WebhookResult handle(WebhookRequest request) throws WebhookRejected {
        if (!request.isPost()) {
            throw new WebhookRejected(405, null, "Telegram posts updates; " + request.method() + " is not used");
        }
        // the secret first: a stranger learns nothing about what this endpoint would accept
        String secret = request.header(SECRET_HEADER);
        if (secret == null || secret.isEmpty()) {
            throw WebhookRejected.unauthenticated(SECRET_HEADER + " header missing");
        }
        if (!Hmac.same(config.secretToken().value(), secret)) {
            throw WebhookRejected.forbidden(SECRET_HEADER + " does not match this channel's secretToken");
        }
        if (!JSON.equals(request.mediaType())) {
            throw WebhookRejected.unsupportedType(request.mediaType(), JSON);
        }
        TelegramUpdate update = UpdateJson.parse(request.body());
        Optional<Intake> intake = intakes.intake(update, request.body(), request.receivedAt());
        return new WebhookResult(intake.stream().toList(), WebhookReply.empty());
    }
}
