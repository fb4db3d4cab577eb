package org.inboundrouter.delivery.zammad;

import org.inboundrouter.config.Secret;
import org.inboundrouter.config.Hosts;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to reach one Zammad and where to put tickets. Exactly one of {@code token} and {@code password} (with
 * {@code user}) is set.
 *
 * @param baseUrl   the Zammad instance, e.g. {@code https://desk.example.com} (the API is under {@code /api/v1})
 * @param token     an access token (preferred); or {@code user} and {@code password} for basic auth
 * @param group     the Zammad group new tickets go to, by name
 * @param tagPrefix the tag that carries our ticket id is {@code tagPrefix + id}; two routers writing into one Zammad
 *                  need different prefixes, or each would find the other's tickets
 */
public record ZammadSinkConfig(URI baseUrl, Secret token, String user, Secret password, String group,
        Duration timeout, String tagPrefix) {

    /** How the problem of an inline secret names it. */
    private static final String REMOTE_CREDENTIAL = "a credential for a remote server";

    /** The settings read here; the sink file reader adds its common ones (kind, enabled, ...) before rejecting. */
    public static final Set<String> FIELDS = Set.of("baseUrl", "token", "user", "password", "group", "timeout",
            "tagPrefix");

    private static final Pattern TAG_PREFIX = Pattern.compile("[a-z0-9][a-z0-9._-]{0,40}");

    /**
     * Reads the Zammad settings of an enabled sink's file; every problem is added to {@code yaml}. Returns null when a
     * required part is unusable.
     */
    public static ZammadSinkConfig read(YamlFields yaml, Secrets secrets) {
        URI baseUrl = baseUrl(yaml);
        String group = yaml.requiredString("group");
        Duration timeout = yaml.duration("timeout", Duration.ofSeconds(30));
        if (timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            yaml.problem("timeout", "must be more than 0 and at most 10m, was " + yaml.string("timeout", ""));
        }
        String tagPrefix = yaml.string("tagPrefix", "inbound-router-");
        if (!TAG_PREFIX.matcher(tagPrefix).matches()) {
            yaml.problem("tagPrefix", "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        boolean hasToken = yaml.has("token");
        boolean hasUser = yaml.has("user") || yaml.has("password");
        if (hasToken && hasUser) {
            yaml.problem("token", "either token or user and password, not both");
        } else if (!hasToken && !hasUser) {
            yaml.problem(0, "token", "required: an access token (or user and password for basic auth)");
        }
        String user = hasUser ? yaml.requiredString("user") : null;
        boolean local = baseUrl != null && Hosts.isLoopback(baseUrl.getHost());
        Secret token = hasToken && !hasUser ? secrets.required(yaml, "token", local, REMOTE_CREDENTIAL) : null;
        Secret password = hasUser && !hasToken ? secrets.required(yaml, "password", local, REMOTE_CREDENTIAL) : null;
        if (baseUrl == null || group == null || (token == null && (user == null || password == null))) {
            return null;
        }
        return new ZammadSinkConfig(baseUrl, token, user, password, group, timeout, tagPrefix);
    }

    /** The Authorization header: {@code Token token=...} or basic auth. */
    String authorization() {
        if (token != null) {
            return "Token token=" + token.value();
        }
        String pair = user + ":" + password.value();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static URI baseUrl(YamlFields yaml) {
        String raw = yaml.requiredString("baseUrl");
        if (raw == null) {
            return null;
        }
        try {
            URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                yaml.problem("baseUrl", "must be an absolute URL such as https://desk.example.com");
                return null;
            }
            if (scheme.equals("http") && !Hosts.isLoopback(uri.getHost())) {
                yaml.problem("baseUrl", "must be https: plain http would send the token and customer data in clear "
                        + "(http is accepted only for this machine)");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                yaml.problem("baseUrl", "must not have a query or fragment");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            yaml.problem("baseUrl", "not a URL: " + e.getMessage());
            return null;
        }
    }

}
