package org.inboundrouter;

import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.ConfigProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Where the command-line tools ({@code quarantine}, {@code corrections}) reach the running daemon's API, found the
 * way the daemon finds it: from the same config directory. Only the settings that say where the API listens are
 * read, and no secret is resolved, so a shell without the service's environment (secrets.env) still finds it.
 * The API is on the admin listener ({@code inbound.admin.host}, {@code inbound.admin.port}; https when it has a
 * certificate).
 *
 * @param baseUrl {@code http://127.0.0.1:8081}, without a trailing slash
 */
record ApiAddress(String baseUrl) {

    /** {@code --api} when given, else from {@code configDir}. */
    static ApiAddress resolve(String apiOption, Path configDir) {
        if (apiOption != null) {
            return new ApiAddress(apiOption.replaceAll("/+$", ""));
        }
        if (!Files.isDirectory(configDir)) {
            throw new ConfigException(List.of(new ConfigProblem(configDir, 0, null, "no such config directory; give "
                    + "the daemon's with --config DIR (e.g. /etc/inbound-router), or its address with --api URL")));
        }
        Properties p = AppSettings.properties(configDir);
        String host = p.getProperty("inbound.admin.host", "127.0.0.1").trim();
        String port = p.getProperty("inbound.admin.port",
                Integer.toString(org.inboundrouter.http.HttpSettings.DEFAULT_ADMIN_PORT)).trim();
        String scheme = p.getProperty("inbound.admin.tls.cert", "").isBlank() ? "http" : "https";
        return new ApiAddress(scheme + "://" + reachable(host) + ":" + port);
    }

    /** A daemon bound to every address is reached on loopback; an IPv6 literal goes in brackets. */
    static String reachable(String bindHost) {
        return switch (bindHost) {
            case "", "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
        };
    }
}
