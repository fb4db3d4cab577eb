package org.inboundrouter.channel.smtp;

import org.apache.camel.RoutesBuilder;
import org.inboundrouter.channel.ChannelRuntime;
import org.inboundrouter.channel.ConsumerChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Secret;
import org.inboundrouter.config.YamlFields;
import org.inboundrouter.model.ChannelRef;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kind: smtp}: a listener an MTA (Postfix, Exim) delivers the desk's mail to, over SMTP or LMTP. A message is
 * answered 250 only once it is stored; its messages are of kind {@code email}, so email threading applies.
 *
 * @param serverName  the name in the greeting and the EHLO answer
 * @param tlsKeystore a PKCS12 (or JKS) key store with the server's key and certificate; STARTTLS is offered when set
 * @param requireTls  refuse MAIL, RCPT and DATA until STARTTLS
 */
public record SmtpListenerConfig(String name, Path file, boolean enabled, String host, int port, Protocol protocol,
        long maxMessageBytes, RecipientFilter acceptRecipients, int maxConnections, Duration idleTimeout,
        String serverName, Path tlsKeystore, Secret tlsKeystorePassword, boolean requireTls)
        implements ConsumerChannelConfig {

    public enum Protocol {
        SMTP, LMTP
    }

    static final long DEFAULT_MAX_MESSAGE_BYTES = 25L * 1024 * 1024;
    /** Messages are held in memory until stored; past this, one connection could take a large part of the heap. */
    static final long LARGEST_MAX_MESSAGE_BYTES = 256L * 1024 * 1024;

    private static final Set<String> FIELDS = Set.of("host", "port", "protocol", "maxMessageBytes",
            "acceptRecipients", "maxConnections", "idleTimeout", "serverName", "tlsKeystore", "tlsKeystorePassword",
            "requireTls");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kb|kib|mb|mib)", Pattern.CASE_INSENSITIVE);

    public static SmtpListenerConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        YamlFields y = s.yaml();
        String host = y.string("host", "127.0.0.1");
        int port = y.integer("port", 0, 1, 65535);
        if (!y.has("port")) {
            y.problem("port", "required, missing");
        }
        Protocol protocol = y.choice("protocol", Protocol.class, Protocol.SMTP);
        long maxMessageBytes = size(y, "maxMessageBytes", DEFAULT_MAX_MESSAGE_BYTES);
        RecipientFilter recipients = null;
        String accept = y.requiredString("acceptRecipients");
        if (accept != null) {
            try {
                recipients = RecipientFilter.parse(accept);
            } catch (IllegalArgumentException e) {
                y.problem("acceptRecipients", e.getMessage());
            }
        }
        int maxConnections = y.integer("maxConnections", 20, 1, 1000);
        // RFC 5321 §4.5.3.2.7: a server should wait at least 5 minutes for the next command
        Duration idleTimeout = y.duration("idleTimeout", Duration.ofMinutes(5));
        if (idleTimeout.toMillis() < 1000) {
            y.problem("idleTimeout", "must be at least 1s");
        }
        String serverName = y.string("serverName", null);
        if (serverName == null) {
            // a shipped, disabled example must not cost a name lookup
            serverName = s.enabled() ? localHostName() : "localhost";
        } else if (!serverName.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]")) {
            y.problem("serverName", "must be a domain name or an address literal, was \"" + serverName + "\"");
        }
        Path keystore = null;
        Secret keystorePassword = null;
        if (y.has("tlsKeystore")) {
            keystore = s.file().toAbsolutePath().getParent().resolve(y.string("tlsKeystore", null)).normalize();
            keystorePassword = s.secret("tlsKeystorePassword");
            if (s.enabled() && !Files.isReadable(keystore)) {
                y.problem("tlsKeystore", "cannot read " + keystore);
            }
        } else if (y.has("tlsKeystorePassword")) {
            y.problem("tlsKeystorePassword", "only with tlsKeystore");
        }
        boolean requireTls = y.bool("requireTls", false);
        if (requireTls && keystore == null) {
            y.problem("requireTls", "needs tlsKeystore: without a key the listener cannot offer STARTTLS");
        }
        SmtpListenerConfig config = new SmtpListenerConfig(s.name(), s.file(), s.enabled(), host, port, protocol,
                maxMessageBytes, recipients, maxConnections, idleTimeout, serverName, keystore, keystorePassword,
                requireTls);
        if (keystore != null && keystorePassword != null && s.enabled() && Files.isReadable(keystore)) {
            try {
                Tls.serverContext(keystore, keystorePassword);
            } catch (Exception e) {
                y.problem("tlsKeystore", "cannot load the key: " + e.getMessage());
            }
        }
        return config;
    }

    /** Bytes as a whole number, or with a unit: {@code 25MiB}, {@code 10MB}, {@code 512KiB}. */
    private static long size(YamlFields y, String field, long fallback) {
        String value = y.string(field, null);
        if (value == null) {
            return fallback;
        }
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            y.problem(field, "must be a size such as 26214400, 25MiB or 10MB, was \"" + value + "\"");
            return fallback;
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "kb" -> 1000L;
            case "kib" -> 1024L;
            case "mb" -> 1000L * 1000;
            case "mib" -> 1024L * 1024;
            default -> 1L;
        };
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes < 1024 || bytes > LARGEST_MAX_MESSAGE_BYTES) {
            y.problem(field, "must be between 1KiB and 256MiB, was " + value);
            return fallback;
        }
        return bytes;
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches("[A-Za-z0-9.-]+") ? name : "localhost";
        } catch (Exception e) {
            return "localhost";
        }
    }

    @Override
    public String kind() {
        return ChannelRef.EMAIL;
    }

    @Override
    public RoutesBuilder routes(ChannelRuntime runtime) {
        return new SmtpChannelRoutes(this, runtime);
    }
}
