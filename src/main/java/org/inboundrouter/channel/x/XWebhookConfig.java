package org.inboundrouter.channel.x;

import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.ChannelRef;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@code kind: x-webhook}: direct messages pushed by X's Account Activity API to {@code /webhooks/<name>}.
 *
 * @param consumerSecret the X app's consumer secret (API secret key): it keys both the CRC answer and the signature
 * @param ownUserId      the desk's X account id; null to take each delivery's {@code for_user_id}. When set, deliveries
 *                       for other accounts subscribed to the same app webhook are acknowledged and ignored
 */
public record XWebhookConfig(String name, Path file, boolean enabled, Secret consumerSecret, String ownUserId,
        long maxBodyBytes) implements WebhookChannelConfig {

    private static final Set<String> FIELDS = Set.of("consumerSecret", "ownUserId", "maxBodyBytes");

    public static XWebhookConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        Secret secret = s.secret("consumerSecret");
        String own = s.yaml().string("ownUserId", null);
        if (own != null && !XUserIds.valid(own)) {
            s.yaml().problem("ownUserId", "must be the account's numeric X user id (not the @handle), was \"" + own
                    + "\"");
        }
        long max = s.yaml().integer("maxBodyBytes", 1024 * 1024, 1024, 64 * 1024 * 1024);
        return new XWebhookConfig(s.name(), s.file(), s.enabled(), secret, own, max);
    }

    @Override
    public String kind() {
        return ChannelRef.X;
    }

    @Override
    public WebhookChannel open() {
        return new XWebhook(this);
    }
}
