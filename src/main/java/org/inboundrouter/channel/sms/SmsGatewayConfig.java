package org.inboundrouter.channel.sms;

import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.ChannelRef;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * {@code kind: sms-gateway}: any SMS gateway that POSTs JSON ({@code from}, {@code to}, {@code text}, {@code id},
 * {@code timestamp}; names configurable) authenticated by an HMAC-SHA256 signature of the body or a bearer token.
 */
public record SmsGatewayConfig(String name, Path file, boolean enabled, Auth auth, Secret secret,
        String signatureHeader, Fields fields, long maxBodyBytes) implements WebhookChannelConfig {

    /** {@code hmac}: hex HMAC-SHA256 of the raw body in a header; {@code bearer}: {@code Authorization: Bearer}. */
    public enum Auth { HMAC, BEARER }

    /** Which JSON fields hold what; gateways name them differently. */
    public record Fields(String from, String to, String text, String id, String timestamp) {
    }

    private static final Set<String> FIELDS = Set.of("auth", "secret", "signatureHeader", "fromField", "toField",
            "textField", "idField", "timestampField", "maxBodyBytes");

    public static SmsGatewayConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        var yaml = s.yaml();
        Auth auth = yaml.choice("auth", Auth.class, Auth.HMAC);
        Secret secret = s.secret("secret");
        String header = yaml.string("signatureHeader", "X-Signature").toLowerCase(Locale.ROOT);
        Fields fields = new Fields(yaml.string("fromField", "from"), yaml.string("toField", "to"),
                yaml.string("textField", "text"), yaml.string("idField", "id"),
                yaml.string("timestampField", "timestamp"));
        long max = yaml.integer("maxBodyBytes", 1024 * 1024, 1024, 64 * 1024 * 1024);
        return new SmsGatewayConfig(s.name(), s.file(), s.enabled(), auth, secret, header, fields, max);
    }

    @Override
    public String kind() {
        return ChannelRef.SMS;
    }

    @Override
    public WebhookChannel open() {
        return new SmsGatewayWebhook(this);
    }
}
