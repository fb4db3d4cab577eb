package org.inboundrouter.config;

import org.inboundrouter.config.EmailChannelConfig.AfterImport;
import org.inboundrouter.config.EmailChannelConfig.Protocol;
import org.inboundrouter.config.EmailChannelConfig.Tls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the channel instances in a directory: one YAML file per channel, named {@code <channel-name>.yaml}.
 * Every problem in every file is collected, so that one start-up attempt reports them all.
 */
public final class ChannelFiles {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> EMAIL_FIELDS = Set.of("kind", "enabled", "host", "port", "tls", "username",
            "password", "folder", "pollInterval", "afterImport", "moveTo", "trustHosts");

    private final Secrets secrets;

    public ChannelFiles(Secrets secrets) {
        this.secrets = secrets;
    }

    /** All channel files in {@code dir}, sorted by name; throws {@link ConfigException} listing every problem. */
    public List<ChannelConfig> load(Path dir) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<ChannelConfig> channels = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return channels;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(dir, 0, null, "cannot list: " + e.getMessage())));
        }
        for (Path file : files) {
            YamlFields yaml = YamlFields.read(file);
            ChannelConfig channel = yaml.problems().isEmpty() ? parse(yaml) : null;
            problems.addAll(yaml.problems());
            if (channel != null && yaml.problems().isEmpty()) {
                channels.add(channel);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return channels;
    }

    private ChannelConfig parse(YamlFields yaml) {
        String fileName = yaml.file().getFileName().toString();
        String name = fileName.substring(0, fileName.lastIndexOf('.'));
        if (!NAME.matcher(name).matches()) {
            yaml.problem(0, null, "file name must be a channel name: lower-case letters, digits and '-', "
                    + "starting with a letter or digit");
        }
        String kind = yaml.requiredString("kind");
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "imap", "pop3" -> email(yaml, name, kind.equals("imap") ? Protocol.IMAP : Protocol.POP3);
            default -> {
                yaml.problem("kind", "unknown channel kind \"" + kind + "\" (known: imap, pop3)");
                yield null;
            }
        };
    }

    private EmailChannelConfig email(YamlFields yaml, String name, Protocol protocol) {
        yaml.rejectUnknown(EMAIL_FIELDS);
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
            if (password != null && password.source().equals("literal") && host != null && !isLoopback(host)) {
                yaml.problem("password", "a password for a remote server must come from ${env:NAME} or "
                        + "${file:/path}, never from the config file itself");
            }
        }
        String trustHosts = yaml.string("trustHosts", null);
        if (tls == Tls.NONE && host != null && !isLoopback(host)) {
            yaml.problem("tls", "none sends the password in clear to a remote server; use implicit or starttls");
        }
        return new EmailChannelConfig(name, yaml.file(), enabled, protocol, tls, host, port, username, password,
                folder, poll, after, moveTo, trustHosts);
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // only literal addresses: a name is not resolved here, so a typo cannot make a remote host look local
            if (host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
                return InetAddress.getByName(host.replaceAll("[\\[\\]]", "")).isLoopbackAddress();
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
