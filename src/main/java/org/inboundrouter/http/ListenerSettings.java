package org.inboundrouter.http;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One HTTP listener: where it binds, optional TLS from PEM files (re-read when they change), and what it allows a
 * connection: how long it may sit idle, how long a new connection may take to send its request headers, and how many
 * connections may be open at once.
 *
 * @param tlsCert PEM certificate chain, null for plain HTTP
 * @param tlsKey  PEM private key (PKCS#8 or PKCS#1), null for plain HTTP
 */
public record ListenerSettings(String name, String host, int port, Path tlsCert, Path tlsKey, Duration idleTimeout,
        Duration headerTimeout, int maxConnections) {

    public boolean tls() {
        return tlsCert != null;
    }

    public ListenerSettings withPort(int p) {
        return new ListenerSettings(name, host, p, tlsCert, tlsKey, idleTimeout, headerTimeout, maxConnections);
    }

    public ListenerSettings withHost(String h) {
        return new ListenerSettings(name, h, port, tlsCert, tlsKey, idleTimeout, headerTimeout, maxConnections);
    }

    public ListenerSettings withTimeouts(Duration idle, Duration headers) {
        return new ListenerSettings(name, host, port, tlsCert, tlsKey, idle, headers, maxConnections);
    }

    public ListenerSettings withMaxConnections(int max) {
        return new ListenerSettings(name, host, port, tlsCert, tlsKey, idleTimeout, headerTimeout, max);
    }

    public ListenerSettings withTls(Path cert, Path key) {
        return new ListenerSettings(name, host, port, cert, key, idleTimeout, headerTimeout, maxConnections);
    }

    public String scheme() {
        return tls() ? "https" : "http";
    }

    /** The base URL a local client uses: the bind address, or loopback when it binds every interface. */
    public String localUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") || host.isEmpty() ? "127.0.0.1" : host;
        return scheme() + "://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }
}
