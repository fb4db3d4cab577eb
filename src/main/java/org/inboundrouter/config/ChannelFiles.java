package org.inboundrouter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the channel instances in a directory: one YAML file per channel, named {@code <channel-name>.yaml}.
 * Every problem in every file is collected, so that one start-up attempt reports them all.
 */
public final class ChannelFiles {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Secrets secrets;
    private final java.util.Map<String, String> settings;

    /** With the built-in defaults of the settings a file may refer to (the local mail server's ports). */
    public ChannelFiles(Secrets secrets) {
        this(secrets, AppSettings.MailPorts.DEFAULTS.placeholders());
    }

    /** @param settings the settings files may refer to, e.g. {@code port: ${inbound.local-mail-server.imap-port}} */
    public ChannelFiles(Secrets secrets, java.util.Map<String, String> settings) {
        this.secrets = secrets;
        this.settings = settings;
    }

    /** All channel files in {@code dir}, sorted by name; throws {@link ConfigException} listing every problem. */
    public List<ChannelConfig> load(Path dir) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<ChannelConfig> channels = new ArrayList<>();
        for (Path file : files(dir)) {
            try {
                channels.add(loadFile(file));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return channels;
    }

    /** The channel files in {@code dir} ({@code *.yaml}, {@code *.yml}), sorted; none when it does not exist. */
    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(dir, 0, null, "cannot list: " + e.getMessage())));
        }
    }

    /** One channel file; throws {@link ConfigException} listing its problems. */
    public ChannelConfig loadFile(Path file) {
        YamlFields yaml = YamlFields.read(file, settings);
        ChannelConfig channel = yaml.problems().isEmpty() ? parse(yaml) : null;
        if (!yaml.problems().isEmpty() || channel == null) {
            throw new ConfigException(yaml.problems().isEmpty()
                    ? List.of(new ConfigProblem(file, 0, null, "not a channel")) : yaml.problems());
        }
        return channel;
    }

    /** The channel name a file defines: its name without the extension. */
    public static String channelName(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    private ChannelConfig parse(YamlFields yaml) {
        String name = channelName(yaml.file());
        if (!NAME.matcher(name).matches()) {
            yaml.problem(0, null, "file name must be a channel name: lower-case letters, digits and '-', "
                    + "starting with a letter or digit");
        }
        String kind = yaml.requiredString("kind");
        if (kind == null) {
            return null;
        }
        ChannelKind reader = ChannelKinds.get(kind);
        if (reader == null) {
            yaml.problem("kind", "unknown channel kind \"" + kind + "\" (known: " + ChannelKinds.known() + ")");
            return null;
        }
        return reader.read(new ChannelSettings(yaml, name, secrets));
    }

}
