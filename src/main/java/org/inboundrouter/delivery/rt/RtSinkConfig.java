package org.inboundrouter.delivery.rt;

import org.inboundrouter.config.Secret;
import org.inboundrouter.config.Hosts;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * How to reach one Request Tracker and where to put tickets. Exactly one of {@code password} (with {@code username})
 * and {@code token} is set.
 *
 * @param baseUrl         RT's web root without {@code /REST/2.0}, e.g. {@code https://rt.example.com} or
 *                        {@code https://example.com/rt}
 * @param syntheticDomain the domain of the requestor addresses made up for customers without an email address
 */
public record RtSinkConfig(URI baseUrl, String queue, String username, Secret password, Secret token,
        String syntheticDomain, Duration timeout, RtPriorities priorities) {

    /** The settings read here; a sink file reader adds its common ones (kind, pollInterval, ...) before rejecting. */
    public static final Set<String> FIELDS = Set.of("baseUrl", "queue", "username", "password", "token",
            "syntheticDomain", "timeout", "priorityLow", "priorityNormal", "priorityHigh", "priorityUrgent");

    public static final String DEFAULT_SYNTHETIC_DOMAIN = "customers.invalid";

    /**
     * Reads the RT settings of a sink file; every problem is added to {@code yaml} (the caller turns them into a
     * {@link org.inboundrouter.config.ConfigException}). Returns null when a required part is unusable.
     */
    public static RtSinkConfig read(YamlFields yaml, Secrets secrets) {
        URI baseUrl = baseUrl(yaml);
        String queue = yaml.requiredString("queue");
        String username = yaml.string("username", null);
        String rawPassword = yaml.string("password", null);
        String rawToken = yaml.string("token", null);
        Secret password = null;
        Secret token = null;
        if (rawToken != null && (username != null || rawPassword != null)) {
            yaml.problem("token", "use either token or username and password, not both");
        } else if (rawToken != null) {
            token = secret(yaml, secrets, "token", rawToken, baseUrl);
        } else if (username == null || rawPassword == null) {
            yaml.problem(username == null ? "username" : "password",
                    "required: username and password, or token instead of both");
        } else {
            password = secret(yaml, secrets, "password", rawPassword, baseUrl);
        }
        String domain = yaml.string("syntheticDomain", DEFAULT_SYNTHETIC_DOMAIN).toLowerCase(Locale.ROOT);
        if (!domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            yaml.problem("syntheticDomain", "must be a domain name such as customers.invalid, was \"" + domain + "\"");
        }
        Duration timeout = yaml.duration("timeout", Duration.ofSeconds(10));
        if (timeout.toMillis() < 100) {
            yaml.problem("timeout", "must be at least 100ms");
        }
        RtPriorities d = RtPriorities.defaults();
        RtPriorities priorities = new RtPriorities(yaml.integer("priorityLow", d.low(), 0, 1000),
                yaml.integer("priorityNormal", d.normal(), 0, 1000), yaml.integer("priorityHigh", d.high(), 0, 1000),
                yaml.integer("priorityUrgent", d.urgent(), 0, 1000));
        if (baseUrl == null || queue == null || (password == null && token == null)) {
            return null;
        }
        return new RtSinkConfig(baseUrl, queue, username, password, token, domain, timeout, priorities);
    }

    private static URI baseUrl(YamlFields yaml) {
        String raw = yaml.requiredString("baseUrl");
        if (raw == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(raw.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            yaml.problem("baseUrl", "not a URL: " + e.getMessage());
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            yaml.problem("baseUrl", "must be an http or https URL such as https://rt.example.com, was \"" + raw + "\"");
            return null;
        }
        if (uri.getQuery() != null || uri.getFragment() != null || uri.getPath().endsWith("/REST/2.0")) {
            yaml.problem("baseUrl", "give RT's web root only (no /REST/2.0, query or fragment), was \"" + raw + "\"");
            return null;
        }
        if (scheme.equals("http") && !Hosts.isLoopback(uri.getHost())) {
            yaml.problem("baseUrl", "http sends the credentials in clear to a remote server; use https");
        }
        return uri;
    }

    private static Secret secret(YamlFields yaml, Secrets secrets, String field, String raw, URI baseUrl) {
        Secret secret = secrets.resolve(raw, yaml, field);
        if (secret != null && secret.source().equals("literal") && baseUrl != null && !Hosts.isLoopback(baseUrl.getHost())) {
            yaml.problem(field, "a " + field + " for a remote RT must come from ${env:NAME} or ${file:/path}, never "
                    + "from the config file itself");
        }
        return secret;
    }

}
