package org.inboundrouter.channel.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.channel.webhook.WebhookReply;
import org.inboundrouter.channel.webhook.WebhookRequest;
import org.inboundrouter.channel.webhook.WebhookResult;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * X's Account Activity webhook. A GET is the challenge-response check X makes at registration and then regularly: it
 * is answered with the HMAC of the {@code crc_token}, or X marks the webhook invalid and stops delivering. A POST
 * carries account activity signed over its raw body; only direct messages the customer sent to our account become
 * messages. X retries a delivery that is not answered 2xx, and the event id turns a retry into a duplicate.
 */
final class XWebhook implements WebhookChannel {

    private static final Logger LOG = LoggerFactory.getLogger("inbound");
    private static final String JSON = "application/json";

    private final XWebhookConfig config;
    private final ChannelRef channel;

    XWebhook(XWebhookConfig config) {
        this.config = config;
        this.channel = new ChannelRef(ChannelRef.X, config.name());
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
        if (request.isGet()) {
            return challenge(request);
        }
        if (!request.isPost()) {
            throw new WebhookRejected(405, null, "X sends GET (CRC) and POST (events); " + request.method()
                    + " is not used");
        }
        if (!JSON.equals(request.mediaType())) {
            throw WebhookRejected.unsupportedType(request.mediaType(), JSON);
        }
        String signature = request.header(XWebhookSignature.HEADER);
        if (signature == null || signature.isBlank()) {
            throw WebhookRejected.unauthenticated("x-twitter-webhooks-signature header missing");
        }
        if (!XWebhookSignature.valid(config.consumerSecret().value(), request.body(), signature)) {
            throw WebhookRejected.forbidden("x-twitter-webhooks-signature does not match the body");
        }
        return new WebhookResult(intakes(AccountActivity.parse(request.body()), request), WebhookReply.empty());
    }

    /** The CRC: proves to X that whoever answers here holds the consumer secret. Reveals nothing about it. */
    private WebhookResult challenge(WebhookRequest request) throws WebhookRejected {
        String token = request.query("crc_token");
        if (token == null || token.isEmpty()) {
            throw WebhookRejected.malformed("crc_token", "a GET is X's challenge-response check and needs crc_token");
        }
        String answer;
        try {
            answer = Json.mapper().writeValueAsString(Map.of("response_token",
                    XWebhookSignature.crcResponseToken(config.consumerSecret().value(), token)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        LOG.info("x {}: answered X's challenge-response check", channel.name());
        return WebhookResult.nothing(WebhookReply.json(200, answer));
    }

    private List<Intake> intakes(AccountActivity activity, WebhookRequest request) throws WebhookRejected {
        if (activity.messages().isEmpty()) {
            if (!activity.otherActivities().isEmpty()) {
                LOG.debug("x {}: ignored {}", channel.name(), activity.otherActivities());
            }
            return List.of();
        }
        String ours = config.ownUserId() != null ? config.ownUserId() : activity.forUserId();
        if (ours == null) {
            throw WebhookRejected.malformed("for_user_id", "for_user_id is missing and ownUserId is not configured, "
                    + "so our own outgoing messages cannot be told apart");
        }
        if (activity.forUserId() != null && !activity.forUserId().equals(ours)) {
            // one X app webhook serves every account subscribed to it; this channel is for one of them
            LOG.info("x {}: ignored a delivery for account {}, not ours ({})", channel.name(), activity.forUserId(),
                    ours);
            return List.of();
        }
        List<Intake> intakes = new ArrayList<>();
        for (XDirectMessage dm : activity.messages()) {
            if (dm.senderId().equals(ours) || !dm.recipientId().equals(ours)) {
                // our own reply (an agent answering from X), echoed back by the Account Activity API
                continue;
            }
            intakes.add(XMessageIntake.build(channel, dm, activity.users(), ours, request.body(),
                    request.receivedAt()));
        }
        return intakes;
    }
}
