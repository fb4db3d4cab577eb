package org.inboundrouter.config;

import java.io.IOException;
import java.net.InetAddress;
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
        ChannelKind reader = ChannelKinds.get(kind);
        if (reader == null) {
            yaml.problem("kind", "unknown channel kind \"" + kind + "\" (known: " + ChannelKinds.known() + ")");
            return null;
        }
        return reader.read(new ChannelSettings(yaml, name, secrets));
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
