package org.inboundrouter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A mailbox read over IMAP (waiting with IDLE when the server offers it) or POP3 (polled). See README "Adding a mailbox" for the file format. */
public record EmailChannelConfig(
        String name,
        Path file,
        boolean enabled,
        Protocol protocol,
        Tls tls,
        String host,
        int port,
        String username,
        Secret password,
        String folder,
        Duration pollInterval,
        AfterImport afterImport,
        String moveTo,
        String trustHosts,
        boolean idle,
        Duration idleRenew) implements ChannelConfig {

    /** Servers end an IDLE after 30 minutes (RFC 2177 asks clients to renew within 29): renew a little earlier. */
    public static final Duration DEFAULT_IDLE_RENEW = Duration.ofMinutes(25);

    /** A mailbox that waits with IDLE whenever its server offers it, renewed every {@link #DEFAULT_IDLE_RENEW}. */
    public EmailChannelConfig(String name, Path file, boolean enabled, Protocol protocol, Tls tls, String host, int port,
            String username, Secret password, String folder, Duration pollInterval, AfterImport afterImport,
            String moveTo, String trustHosts) {
        this(name, file, enabled, protocol, tls, host, port, username, password, folder, pollInterval, afterImport,
                moveTo, trustHosts, true, DEFAULT_IDLE_RENEW);
    }

    public enum Protocol { IMAP, POP3 }

    /** {@code implicit}: TLS from the first byte (IMAPS 993, POP3S 995); {@code starttls}: upgrade, required. */
    public enum Tls { IMPLICIT, STARTTLS, NONE }

    /** What happens to a mail on the server once it is stored: mark it seen, delete it, or move it to a folder. */
    public enum AfterImport { SEEN, DELETE, MOVE }

    @Override
    public String kind() {
        return "email";
    }

    /** The camel-mail scheme: imap, imaps, pop3 or pop3s. */
    public String scheme() {
        String base = protocol.name().toLowerCase(java.util.Locale.ROOT);
        return tls == Tls.IMPLICIT ? base + "s" : base;
    }

    public static int defaultPort(Protocol protocol, Tls tls) {
        boolean implicit = tls == Tls.IMPLICIT;
        return protocol == Protocol.IMAP ? (implicit ? 993 : 143) : (implicit ? 995 : 110);
    }

    /** The email-source Kamelet's parameters, password excluded (it travels as a property, never in a URI). */
    public Map<String, String> kameletParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("protocol", scheme());
        p.put("host", host);
        p.put("port", Integer.toString(port));
        p.put("username", username);
        p.put("folder", folder);
        p.put("pollInterval", Long.toString(pollInterval.toMillis()));
        p.put("delete", Boolean.toString(afterImport == AfterImport.DELETE));
        if (afterImport == AfterImport.MOVE) {
            p.put("moveTo", moveTo);
        }
        p.put("startTls", Boolean.toString(tls == Tls.STARTTLS));
        if (trustHosts != null) {
            p.put("sslTrust", trustHosts);
            // "*" trusts any certificate, so checking the name in it would be theatre (and fails on test servers)
            p.put("checkServerIdentity", Boolean.toString(!trustHosts.equals("*")));
        }
        return p;
    }
}
