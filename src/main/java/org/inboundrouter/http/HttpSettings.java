package org.inboundrouter.http;

import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ConfigProblem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The two HTTP listeners and who may use the admin one.
 *
 * <ul>
 *   <li>public ({@code inbound.http.*}): {@code /webhooks/*} only, for the platforms, behind a reverse proxy;</li>
 *   <li>admin ({@code inbound.admin.*}): {@code /api}, {@code /health*}, {@code /metrics}, with bearer tokens from
 *   {@link #tokensFile()}, {@code Host} headers from {@link #allowedHosts()} only.</li>
 * </ul>
 *
 * @param allowedHosts     host names the admin listener answers to (the {@code Host} header, without port); the bind
 *                         address and the loopback names unless configured
 * @param openHealthLive   {@code /health/live} without a token (for probes)
 * @param openMetrics      {@code /metrics} without a token (for Prometheus)
 */
public record HttpSettings(ListenerSettings publicListener, ListenerSettings adminListener, Path tokensFile,
        List<String> allowedHosts, boolean openHealthLive, boolean openMetrics) {

    public static final int DEFAULT_ADMIN_PORT = 8081;

    public HttpSettings withPublic(ListenerSettings l) {
        return new HttpSettings(l, adminListener, tokensFile, allowedHosts, openHealthLive, openMetrics);
    }

    public HttpSettings withAdmin(ListenerSettings l) {
        return new HttpSettings(publicListener, l, tokensFile, defaultHosts(allowedHosts, adminListener.host(),
                l.host()), openHealthLive, openMetrics);
    }

    public HttpSettings withOpen(boolean live, boolean metrics) {
        return new HttpSettings(publicListener, adminListener, tokensFile, allowedHosts, live, metrics);
    }

    public HttpSettings withTokensFile(Path file) {
        return new HttpSettings(publicListener, adminListener, file, allowedHosts, openHealthLive, openMetrics);
    }

    /** Keeps configured hosts; replaces the default list when the bind address changes. */
    private static List<String> defaultHosts(List<String> current, String oldHost, String newHost) {
        return current.equals(loopbackAnd(oldHost)) ? loopbackAnd(newHost) : current;
    }

    static List<String> loopbackAnd(String bind) {
        List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        String b = bind.replaceAll("^\\[|]$", "").toLowerCase(java.util.Locale.ROOT);
        if (!b.isEmpty() && !b.equals("0.0.0.0") && !b.equals("::") && !hosts.contains(b)) {
            hosts.add(b);
        }
        return List.copyOf(hosts);
    }

    public static HttpSettings load(Properties p, Path configDir, Path file, List<ConfigProblem> problems) {
        ListenerSettings pub = listener("public", "inbound.http", p, "127.0.0.1", 8080, 10_000, configDir, file,
                problems);
        ListenerSettings admin = listener("admin", "inbound.admin", p, "127.0.0.1", DEFAULT_ADMIN_PORT, 100, configDir,
                file, problems);
        Path tokens = configDir.resolve(p.getProperty("inbound.admin.tokens", "admin-tokens").trim());
        String hosts = p.getProperty("inbound.admin.allowed-hosts", "").trim();
        List<String> allowed = hosts.isEmpty() ? loopbackAnd(admin.host())
                : Arrays.stream(hosts.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(s -> s.replaceAll("^\\[|]$", "").toLowerCase(java.util.Locale.ROOT)).toList();
        boolean live = bool(p, "inbound.admin.open.health-live", file, problems);
        boolean metrics = bool(p, "inbound.admin.open.metrics", file, problems);
        if (pub.port() != 0 && pub.port() == admin.port() && pub.host().equals(admin.host())) {
            problems.add(new ConfigProblem(file, 0, "inbound.admin.port", "must differ from inbound.http.port ("
                    + pub.port() + ") on the same address"));
        }
        return new HttpSettings(pub, admin, tokens, allowed, live, metrics);
    }

    private static ListenerSettings listener(String name, String prefix, Properties p, String host, int port,
            int maxConnections, Path configDir, Path file, List<ConfigProblem> problems) {
        String h = p.getProperty(prefix + ".host", host).trim();
        int pt = integer(p, prefix + ".port", port, 0, 65535, file, problems);
        Duration idle = duration(p, prefix + ".idle-timeout", Duration.ofSeconds(60), file, problems);
        Duration headers = duration(p, prefix + ".header-timeout", Duration.ofSeconds(10), file, problems);
        int max = integer(p, prefix + ".max-connections", maxConnections, 1, 1_000_000, file, problems);
        String cert = p.getProperty(prefix + ".tls.cert", "").trim();
        String key = p.getProperty(prefix + ".tls.key", "").trim();
        Path certPath = null;
        Path keyPath = null;
        if (cert.isEmpty() != key.isEmpty()) {
            problems.add(new ConfigProblem(file, 0, prefix + (cert.isEmpty() ? ".tls.cert" : ".tls.key"),
                    "TLS needs both " + prefix + ".tls.cert and " + prefix + ".tls.key (PEM files)"));
        } else if (!cert.isEmpty()) {
            certPath = configDir.resolve(cert);
            keyPath = configDir.resolve(key);
            for (Path f : List.of(certPath, keyPath)) {
                if (!java.nio.file.Files.isReadable(f)) {
                    problems.add(new ConfigProblem(file, 0, prefix + (f == certPath ? ".tls.cert" : ".tls.key"),
                            "cannot read " + f));
                }
            }
        }
        return new ListenerSettings(name, h, pt, certPath, keyPath, idle, headers, max);
    }

    private static boolean bool(Properties p, String key, Path file, List<ConfigProblem> problems) {
        String v = p.getProperty(key, "false").trim();
        if (!v.equals("true") && !v.equals("false")) {
            problems.add(new ConfigProblem(file, 0, key, "must be true or false, was \"" + v + "\""));
        }
        return v.equals("true");
    }

    private static int integer(Properties p, String key, int fallback, int min, int max, Path file,
            List<ConfigProblem> problems) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                problems.add(new ConfigProblem(file, 0, key, "must be between " + min + " and " + max + ", was " + n));
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(new ConfigProblem(file, 0, key, "must be a whole number, was \"" + v.trim() + "\""));
            return fallback;
        }
    }

    private static Duration duration(Properties p, String key, Duration fallback, Path file,
            List<ConfigProblem> problems) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        Duration d = AppSettings.parseDuration(v);
        if (d == null || d.isZero()) {
            problems.add(new ConfigProblem(file, 0, key, "must be a duration such as 500ms, 10s or 1m, was \""
                    + v.trim() + "\""));
            return fallback;
        }
        return d;
    }
}
