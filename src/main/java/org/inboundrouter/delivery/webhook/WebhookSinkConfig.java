package org.inboundrouter.delivery.webhook;

import org.inboundrouter.config.Secret;
import org.inboundrouter.config.Hosts;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Where to POST ticket events and how to sign them.
 *
 * @param secret        the HMAC key the receiver verifies {@code X-Inbound-Router-Signature} with
 * @param authorization an optional {@code Authorization} header value, for receivers behind a gateway that wants one
 */
public record WebhookSinkConfig(URI url, Secret secret, Secret authorization, Duration timeout) {

    /** How the problem of an inline secret names it. */
    private static final String REMOTE_SECRET = "a secret for a remote receiver";

    /** The settings read here; the sink file reader adds its common ones (kind, enabled, ...) before rejecting. */
    public static final Set<String> FIELDS = Set.of("url", "secret", "authorization", "timeout");

    /** Shorter keys can be guessed offline from one signed body. */
    static final int MIN_SECRET_LENGTH = 16;

    /**
     * Reads the webhook settings of an enabled sink's file; every problem is added to {@code yaml}. Returns null when
     * a required part is unusable.
     */
    public static WebhookSinkConfig read(YamlFields yaml, Secrets secrets) {
        URI url = url(yaml);
        Duration timeout = yaml.duration("timeout", Duration.ofSeconds(10));
        if (timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            yaml.problem("timeout", "must be more than 0 and at most 5m, was " + yaml.string("timeout", ""));
        }
        boolean local = url != null && Hosts.isLoopback(url.getHost());
        Secret secret = secrets.required(yaml, "secret", local, REMOTE_SECRET);
        if (secret != null && secret.value().length() < MIN_SECRET_LENGTH) {
            yaml.problem("secret", "must be at least " + MIN_SECRET_LENGTH + " characters, e.g. openssl rand -hex 32");
            secret = null;
        }
        Secret authorization = yaml.has("authorization")
                ? secrets.required(yaml, "authorization", local, REMOTE_SECRET) : null;
        if (url == null || secret == null) {
            return null;
        }
        return new WebhookSinkConfig(url, secret, authorization, timeout);
    }

    private static URI url(YamlFields yaml) {
        String raw = yaml.requiredString("url");
        if (raw == null) {
            return null;
        }
        try {
            URI uri = URI.create(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                yaml.problem("url", "must be an absolute URL such as https://hooks.example.com/tickets");
                return null;
            }
            if (scheme.equals("http") && !Hosts.isLoopback(uri.getHost())) {
                yaml.problem("url", "must be https: tickets carry customer data (http is accepted only for this machine)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            yaml.problem("url", "not a URL: " + e.getMessage());
            return null;
        }
    }

}
