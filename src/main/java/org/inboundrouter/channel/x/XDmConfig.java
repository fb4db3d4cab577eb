package org.inboundrouter.channel.x;

import org.apache.camel.RoutesBuilder;
import org.inboundrouter.channel.ChannelRuntime;
import org.inboundrouter.channel.ConsumerChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Secret;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.model.ChannelRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: x-dm}: polls the desk account's direct messages through X's v1.1 DM events list with camel-twitter
 * (the {@code x-directmessage-source} Kamelet), authenticated as the account with OAuth 1.0a user credentials.
 *
 * @param consumerKey       the X app's API key; not secret on its own, so it may be written in the file
 * @param accessToken       the account's access token; likewise
 * @param ownUserId         the desk account's id: its own outgoing messages, which the list also returns, are skipped.
 *                          Defaults to the id X puts at the front of the access token
 */
public record XDmConfig(String name, Path file, boolean enabled, Secret consumerKey, Secret consumerSecret,
        Secret accessToken, Secret accessTokenSecret, Duration pollDelay, String ownUserId)
        implements ConsumerChannelConfig {

    private static final Set<String> FIELDS = Set.of("consumerKey", "consumerSecret", "accessToken",
            "accessTokenSecret", "pollDelay", "ownUserId");

    public static XDmConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        Secret consumerKey = identifier(s, "consumerKey");
        Secret consumerSecret = s.secret("consumerSecret");
        Secret accessToken = identifier(s, "accessToken");
        Secret accessTokenSecret = s.secret("accessTokenSecret");
        Duration delay = s.yaml().duration("pollDelay", Duration.ofSeconds(60));
        if (delay.compareTo(Duration.ofSeconds(1)) < 0 || delay.compareTo(Duration.ofHours(24)) > 0) {
            s.yaml().problem("pollDelay", "must be between 1s and 24h, was " + delay);
        }
        String own = s.yaml().string("ownUserId", null);
        if (own != null && !XUserIds.valid(own)) {
            s.yaml().problem("ownUserId", "must be the account's numeric X user id (not the @handle), was \"" + own
                    + "\"");
        }
        if (own == null && s.enabled() && accessToken != null) {
            own = XUserIds.fromAccessToken(accessToken.value());
            if (own == null) {
                s.yaml().problem("ownUserId", "required: the access token does not start with the account's id, "
                        + "so the account's own outgoing messages could not be told apart");
            }
        }
        return new XDmConfig(s.name(), s.file(), s.enabled(), consumerKey, consumerSecret, accessToken,
                accessTokenSecret, delay, own);
    }

    /** A credential half that is harmless alone (key, token): a literal, or a reference like the secrets. */
    private static Secret identifier(ChannelSettings s, String field) {
        String raw = s.yaml().requiredString(field);
        if (raw == null || !s.enabled()) {
            return null;
        }
        return Secrets.isReference(raw) ? s.secrets().resolve(raw, s.yaml(), field) : new Secret(raw, "literal");
    }

    @Override
    public String kind() {
        return ChannelRef.X;
    }

    /** The Kamelet's parameters; the route passes them as properties so that no credential lands in a URI. */
    Map<String, String> kameletParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("consumerKey", consumerKey.value());
        p.put("consumerSecret", consumerSecret.value());
        p.put("accessToken", accessToken.value());
        p.put("accessTokenSecret", accessTokenSecret.value());
        p.put("account", ownUserId);
        p.put("pollDelay", Long.toString(pollDelay.toMillis()));
        return p;
    }

    @Override
    public RoutesBuilder routes(ChannelRuntime runtime) {
        return new XDmRoutes(this, runtime);
    }
}
