package org.inboundrouter.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What every request to the admin listener passes before it reaches the API: a {@code Host} it knows (DNS rebinding),
 * a path of the admin side, a bearer token with the role the request needs, and a JSON body on every change (a
 * browser cannot send that across origins without asking first, and no CORS header ever says yes). The authenticated
 * token becomes the request's user, which the API records as who made a change.
 */
final class AdminGuard implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger("inbound.admin");
    static final Set<HttpMethod> READING = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Set<String> allowedHosts;
    private final TokenFile tokens;
    private final boolean openHealthLive;
    private final boolean openMetrics;

    AdminGuard(List<String> allowedHosts, TokenFile tokens, boolean openHealthLive, boolean openMetrics) {
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.tokens = tokens;
        this.openHealthLive = openHealthLive;
        this.openMetrics = openMetrics;
    }

    static boolean isAdminPath(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.equals("/health")
                || path.startsWith("/health/") || path.equals("/metrics");
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = ctx.normalizedPath();
        // the Host header (HTTP/1.1) or :authority (HTTP/2)
        io.vertx.core.net.HostAndPort authority = request.authority();
        String given = authority != null ? authority.host() : request.getHeader("Host");
        String host = hostOf(given);
        if (host == null || !allowedHosts.contains(host)) {
            LOG.warn("admin: refused {} {} from {}: unknown Host header {}", request.method(), path,
                    request.remoteAddress(), printable(given));
            ErrorAnswer.send(ctx, 421, "this server does not answer to that Host; see inbound.admin.allowed-hosts");
            return;
        }
        if (!isAdminPath(path)) {
            ErrorAnswer.send(ctx, 404, "not found: the admin listener serves /api, /health and /metrics");
            return;
        }
        boolean reading = READING.contains(request.method());
        if (reading && ((openHealthLive && path.equals("/health/live")) || (openMetrics && path.equals("/metrics")))) {
            ctx.next();
            return;
        }
        String presented = bearer(request.getHeader("Authorization"));
        if (presented == null) {
            refuse(ctx, 401, "missing bearer token", "a bearer token is needed: Authorization: Bearer TOKEN (see"
                    + " inbound-router token create)");
            return;
        }
        Optional<AdminTokens.Token> token = tokens.current().find(presented);
        if (token.isEmpty()) {
            refuse(ctx, 401, "unknown token", "unknown token");
            return;
        }
        AdminTokens.Role needed = reading ? AdminTokens.Role.READ : AdminTokens.Role.OPERATE;
        if (!token.get().role().allows(needed)) {
            refuse(ctx, 403, "token " + token.get() + " lacks role " + needed.id(),
                    "this needs a token with role " + needed.id() + "; " + token.get().name() + " has "
                            + token.get().role().id());
            return;
        }
        if (!reading && !isJson(request.getHeader("Content-Type"))) {
            LOG.warn("admin: refused {} {} from {} by {}: Content-Type {} is not application/json", request.method(),
                    path, request.remoteAddress(), token.get(), printable(request.getHeader("Content-Type")));
            ErrorAnswer.send(ctx, 415, "a change needs Content-Type: application/json");
            return;
        }
        ctx.setUser(User.create(new JsonObject().put("name", token.get().name())
                .put("role", token.get().role().id())));
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, int status, String why, String answer) {
        HttpServerRequest request = ctx.request();
        LOG.warn("admin: {} for {} {} from {}: {}", status, request.method(), ctx.normalizedPath(),
                request.remoteAddress(), why);
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"inbound-router\"");
        }
        ErrorAnswer.send(ctx, status, answer);
    }

    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        if (a.length() < 8 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = a.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    /** The host name of a Host header, lower case, without port and IPv6 brackets; null when there is none. */
    static String hostOf(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            // host:port; more than one colon is an IPv6 address without brackets
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** A header value for a log line: quoted, cut short, control characters out. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String v = value.replaceAll("[\\p{Cntrl}]", "?");
        return "\"" + (v.length() > 100 ? v.substring(0, 100) + "..." : v) + "\"";
    }
}
