package org.inboundrouter.config;

import org.inboundrouter.config.EmailChannelConfig.AfterImport;
import org.inboundrouter.config.EmailChannelConfig.Protocol;
import org.inboundrouter.config.EmailChannelConfig.Tls;

import java.time.Duration;
import java.util.Set;

/** Reads a mailbox file ({@code kind: imap} or {@code kind: pop3}). */
final class EmailChannelReader {

    private static final Set<String> FIELDS = Set.of("kind", "enabled", "host", "port", "tls", "username",
            "password", "folder", "pollInterval", "afterImport", "moveTo", "trustHosts", "idle", "idleRenew");

    private EmailChannelReader() {
    }

    static EmailChannelConfig read(ChannelSettings settings, Protocol protocol) {
        YamlFields yaml = settings.yaml();
        String name = settings.name();
        Secrets secrets = settings.secrets();
        yaml.rejectUnknown(FIELDS);
        boolean enabled = yaml.bool("enabled", true);
        Tls tls = yaml.choice("tls", Tls.class, Tls.IMPLICIT);
        String host = yaml.requiredString("host");
        int port = yaml.integer("port", EmailChannelConfig.defaultPort(protocol, tls), 1, 65535);
        String username = yaml.requiredString("username");
        String folder = yaml.string("folder", "INBOX");
        if (protocol == Protocol.POP3 && !folder.equalsIgnoreCase("INBOX")) {
            yaml.problem("folder", "POP3 has only INBOX, was \"" + folder + "\"");
        }
        Duration poll = yaml.duration("pollInterval", Duration.ofSeconds(60));
        if (poll.toMillis() < 100) {
            yaml.problem("pollInterval", "must be at least 100ms");
        }
        boolean idle = yaml.bool("idle", true);
        Duration idleRenew = yaml.duration("idleRenew", EmailChannelConfig.DEFAULT_IDLE_RENEW);
        if (protocol == Protocol.POP3) {
            for (String field : new String[] {"idle", "idleRenew"}) {
                if (yaml.has(field)) {
                    yaml.problem(field, "IMAP only: POP3 has no IDLE and is polled every pollInterval");
                }
            }
        } else if (idleRenew.compareTo(Duration.ofSeconds(10)) < 0 || idleRenew.compareTo(Duration.ofMinutes(29)) > 0) {
            // servers may drop an IDLE silent for 30 minutes (RFC 2177)
            yaml.problem("idleRenew", "must be between 10s and 29m, was \"" + yaml.string("idleRenew", "") + "\"");
        }
        AfterImport after = yaml.choice("afterImport", AfterImport.class,
                protocol == Protocol.POP3 ? AfterImport.DELETE : AfterImport.SEEN);
        String moveTo = yaml.string("moveTo", null);
        if (after == AfterImport.MOVE && protocol == Protocol.POP3) {
            yaml.problem("afterImport", "move needs IMAP folders; POP3 can only delete or keep (seen)");
        } else if (after == AfterImport.MOVE && moveTo == null) {
            yaml.problem("moveTo", "required when afterImport is move");
        } else if (after != AfterImport.MOVE && moveTo != null) {
            yaml.problem("moveTo", "only used when afterImport is move");
        }
        Secret password = null;
        String rawPassword = yaml.requiredString("password");
        // a disabled channel (a shipped example, a mailbox switched off) needs no credentials to be present
        if (rawPassword != null && enabled) {
            password = secrets.resolve(rawPassword, yaml, "password");
            if (password != null && password.source().equals("literal") && host != null && !Hosts.isLoopback(host)) {
                yaml.problem("password", "a password for a remote server must come from ${env:NAME} or "
                        + "${file:/path}, never from the config file itself");
            }
        }
        String trustHosts = yaml.string("trustHosts", null);
        if (tls == Tls.NONE && host != null && !Hosts.isLoopback(host)) {
            yaml.problem("tls", "none sends the password in clear to a remote server; use implicit or starttls");
        }
        return new EmailChannelConfig(name, yaml.file(), enabled, protocol, tls, host, port, username, password,
                folder, poll, after, moveTo, trustHosts, idle, idleRenew);
    }
}
