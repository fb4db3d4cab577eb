package org.inboundrouter.channel.meta;

import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.ChannelRef;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@code kind: meta}: the webhook of a Meta app, which delivers WhatsApp Cloud API, Messenger and Instagram messages to
 * one callback URL. Each stored message carries the kind the customer used (whatsapp, messenger, instagram);
 * {@link #kind()} names WhatsApp only because a config has to name one for logs.
 *
 * @param appSecret   the app's secret (App settings, Basic): Meta signs every POST with it
 * @param verifyToken the string typed into the webhook form; Meta echoes it in the subscription handshake
 */
public record MetaConfig(String name, Path file, boolean enabled, Secret appSecret, Secret verifyToken,
        long maxBodyBytes) implements WebhookChannelConfig {

    private static final Set<String> FIELDS = Set.of("appSecret", "verifyToken", "maxBodyBytes");

    public static MetaConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        Secret appSecret = s.secret("appSecret");
        Secret verifyToken = s.secret("verifyToken");
        long max = s.yaml().integer("maxBodyBytes", 1024 * 1024, 1024, 64 * 1024 * 1024);
        return new MetaConfig(s.name(), s.file(), s.enabled(), appSecret, verifyToken, max);
    }

    @Override
    public String kind() {
        return ChannelRef.WHATSAPP;
    }

    @Override
    public WebhookChannel open() {
        return new MetaWebhook(this);
    }
}
