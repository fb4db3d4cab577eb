package org.inboundrouter.channel.sms;

import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.ChannelRef;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code kind: twilio-sms}: Twilio's Messaging webhook for an SMS number.
 *
 * @param publicUrl the exact URL configured at Twilio for this number: Twilio signs that URL, which behind a proxy
 *                  or tunnel differs from the one the daemon sees
 */
public record TwilioSmsConfig(String name, Path file, boolean enabled, Secret authToken, String publicUrl,
        long maxBodyBytes) implements WebhookChannelConfig {

    private static final Set<String> FIELDS = Set.of("authToken", "publicUrl", "maxBodyBytes");

    public static TwilioSmsConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        Secret token = s.secret("authToken");
        String url = s.yaml().requiredString("publicUrl");
        if (url != null) {
            try {
                URI uri = URI.create(url);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    s.yaml().problem("publicUrl", "must be an absolute URL such as https://desk.example.com/webhooks/"
                            + s.name());
                }
            } catch (IllegalArgumentException e) {
                s.yaml().problem("publicUrl", "not a URL: " + e.getMessage());
            }
        }
        long max = s.yaml().integer("maxBodyBytes", 1024 * 1024, 1024, 64 * 1024 * 1024);
        return new TwilioSmsConfig(s.name(), s.file(), s.enabled(), token, url, max);
    }

    @Override
    public String kind() {
        return ChannelRef.SMS;
    }

    @Override
    public WebhookChannel open() {
        return new TwilioSmsWebhook(this);
    }
}
