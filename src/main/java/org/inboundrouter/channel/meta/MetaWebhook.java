package org.inboundrouter.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.channel.webhook.WebhookReply;
import org.inboundrouter.channel.webhook.WebhookRequest;
import org.inboundrouter.channel.webhook.WebhookResult;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A Meta app's webhook: the GET subscription handshake, then signed JSON POSTs that may carry several messages of
 * WhatsApp, Messenger or Instagram. Meta retries anything but a 2xx and disables a webhook that keeps failing, so the
 * 200 comes once every message is stored (by WebhookRoutes), and deliveries the desk has no use for get a 200 too.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
final class MetaWebhook implements WebhookChannel {

    private static final Logger LOG = LoggerFactory.getLogger("inbound");
    private static final String JSON = "application/json";
    static final String SIGNATURE_HEADER = "x-hub-signature-256";

    private final MetaConfig config;
    private final ChannelRef channel;

    MetaWebhook(MetaConfig config) {
        this.config = config;
        this.channel = new ChannelRef(config.kind(), config.name());
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
            return WebhookResult.nothing(handshake(request));
        }
        if (!request.isPost()) {
            throw new WebhookRejected(405, null, "Meta sends GET handshakes and POSTs; " + request.method()
                    + " is not used");
        }
        if (!JSON.equals(request.mediaType())) {
            throw WebhookRejected.unsupportedType(request.mediaType(), JSON);
        }
        String signature = request.header(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw WebhookRejected.unauthenticated("X-Hub-Signature-256 header missing");
        }
        if (!MetaSignature.valid(config.appSecret().value(), request.body(), signature)) {
            throw WebhookRejected.forbidden("X-Hub-Signature-256 does not match the body under the app secret");
        }
        JsonNode root = JsonBody.parse(request.body());
        String object = JsonBody.text(root, "", "object");
        List<Intake> intakes = switch (object) {
            case "whatsapp_business_account" -> WhatsAppMessages.read(root, request.body(), config.name(),
                    request.receivedAt());
            case "page" -> MessengerMessages.read(MessengerMessages.Product.MESSENGER, root, request.body(),
                    config.name(), request.receivedAt());
            case "instagram" -> MessengerMessages.read(MessengerMessages.Product.INSTAGRAM, root, request.body(),
                    config.name(), request.receivedAt());
            default -> {
                // another subscription of the same app (user, permissions, ...): nothing for the desk, and an error
                // would only make Meta retry it
                LOG.info("meta {}: ignored a delivery for object {}", config.name(), printable(object));
                yield List.of();
            }
        };
        return new WebhookResult(intakes, WebhookReply.empty());
    }

    /**
     * Meta verifies the callback URL with {@code hub.mode=subscribe}, the verify token typed into the app's webhook
     * settings, and a challenge it expects back verbatim.
     */
    private WebhookReply handshake(WebhookRequest request) throws WebhookRejected {
        String mode = request.query("hub.mode");
        if (!"subscribe".equals(mode)) {
            throw WebhookRejected.malformed("hub.mode", "hub.mode must be subscribe");
        }
        String token = request.query("hub.verify_token");
        if (token == null || token.isEmpty()) {
            throw WebhookRejected.unauthenticated("hub.verify_token missing");
        }
        if (!Hmac.same(config.verifyToken().value(), token)) {
            throw WebhookRejected.forbidden("hub.verify_token does not match the configured verifyToken");
        }
        String challenge = request.query("hub.challenge");
        if (challenge == null || challenge.isEmpty()) {
            throw WebhookRejected.malformed("hub.challenge", "hub.challenge missing");
        }
        LOG.info("meta {}: webhook subscription verified", config.name());
        return WebhookReply.text(challenge);
    }

    private static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) : value;
        return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
