package org.inboundrouter.channel.form;

import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.ChannelRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code kind: app-form}: the app's or website's help form, POSTed as JSON or as a form by the app's backend (or
 * the page itself) with an API key.
 *
 * @param apiKeys      accepted keys; several at once so that a key can be rotated without downtime
 * @param perKeyLimit  submissions per {@code perKeyPeriod} for one API key
 * @param perSenderLimit submissions per {@code perSenderPeriod} for one sender (email, phone or user id)
 */
public record AppFormConfig(String name, Path file, boolean enabled, List<String> apiKeys, int perKeyLimit,
        Duration perKeyPeriod, int perSenderLimit, Duration perSenderPeriod, long maxBodyBytes)
        implements WebhookChannelConfig {

    private static final Set<String> FIELDS = Set.of("apiKeys", "perKeyLimit", "perKeyPeriod", "perSenderLimit",
            "perSenderPeriod", "maxBodyBytes");

    public static AppFormConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        var yaml = s.yaml();
        Secret keys = s.secret("apiKeys");
        List<String> apiKeys = keys == null ? List.of()
                : Arrays.stream(keys.value().split("[,\\s]+")).filter(k -> !k.isBlank()).toList();
        if (keys != null && apiKeys.stream().anyMatch(k -> k.length() < 16)) {
            yaml.problem("apiKeys", "every API key must be at least 16 characters (from " + keys.source() + ")");
        }
        int perKey = yaml.integer("perKeyLimit", 600, 1, 1_000_000);
        Duration perKeyPeriod = yaml.duration("perKeyPeriod", Duration.ofMinutes(1));
        int perSender = yaml.integer("perSenderLimit", 5, 1, 1_000_000);
        Duration perSenderPeriod = yaml.duration("perSenderPeriod", Duration.ofMinutes(10));
        for (String field : List.of("perKeyPeriod", "perSenderPeriod")) {
            if (yaml.duration(field, Duration.ofMinutes(1)).isZero()) {
                yaml.problem(field, "must be longer than zero");
            }
        }
        long max = yaml.integer("maxBodyBytes", 64 * 1024, 1024, 16 * 1024 * 1024);
        return new AppFormConfig(s.name(), s.file(), s.enabled(), apiKeys, perKey, perKeyPeriod, perSender,
                perSenderPeriod, max);
    }

    @Override
    public String kind() {
        return ChannelRef.FORM;
    }

    @Override
    public WebhookChannel open() {
        return new AppFormWebhook(this);
    }
}
