package org.inboundrouter.delivery;

import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.ConfigProblem;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the external sinks in {@code config/sinks/}: one YAML file per sink, {@code <name>.yaml}, with {@code kind:}
 * rt, zammad or webhook. The embedded store needs no file: it is always the system of record, and every message
 * stored there is queued for each enabled sink.
 */
public final class SinkFiles {

    /** Settings every sink file may have: how its outbox is worked. */
    public static final Set<String> COMMON_FIELDS = Set.of("kind", "enabled", "pollInterval", "maxAttempts",
            "retryBase", "retryMax", "breakerOpenFor");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Map<String, SinkKind> KINDS = new TreeMap<>();

    private final Secrets secrets;

    public SinkFiles(Secrets secrets) {
        this.secrets = secrets;
    }

    /** Registers a kind of sink (done once, statically, by {@link SinkKinds}). */
    static void register(String kind, SinkKind reader) {
        KINDS.put(kind, reader);
    }

    public List<SinkConfig> load(Path dir) {
        SinkKinds.registerAll();
        List<SinkConfig> sinks = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return sinks;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(dir, 0, null, "cannot list: " + e.getMessage())));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (Path file : files) {
            YamlFields yaml = YamlFields.read(file);
            SinkConfig sink = yaml.problems().isEmpty() ? read(yaml) : null;
            problems.addAll(yaml.problems());
            if (sink != null && yaml.problems().isEmpty()) {
                sinks.add(sink);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return sinks;
    }

    private SinkConfig read(YamlFields yaml) {
        String fileName = yaml.file().getFileName().toString();
        String name = fileName.substring(0, fileName.lastIndexOf('.'));
        if (!NAME.matcher(name).matches()) {
            yaml.problem(0, null, "file name must be a sink name: lower-case letters, digits and '-'");
        }
        String kind = yaml.requiredString("kind");
        if (kind == null) {
            return null;
        }
        SinkKind reader = KINDS.get(kind);
        if (reader == null) {
            yaml.problem("kind", "unknown sink kind \"" + kind + "\" (known: " + String.join(", ", KINDS.keySet())
                    + ")");
            return null;
        }
        Set<String> known = new HashSet<>(COMMON_FIELDS);
        known.addAll(reader.fields());
        yaml.rejectUnknown(known);
        boolean enabled = yaml.bool("enabled", true);
        SinkSettings defaults = SinkSettings.defaults();
        Duration poll = yaml.duration("pollInterval", defaults.pollInterval());
        int attempts = yaml.integer("maxAttempts", defaults.maxAttempts(), 1, 1000);
        Duration base = yaml.duration("retryBase", defaults.backoff().base());
        Duration max = yaml.duration("retryMax", defaults.backoff().max());
        Duration open = yaml.duration("breakerOpenFor", defaults.breakerOpenFor());
        if (poll.toMillis() < 50) {
            yaml.problem("pollInterval", "must be at least 50ms");
        }
        if (base.toMillis() < 1 || max.compareTo(base) < 0) {
            yaml.problem("retryMax", "retryBase must be positive and retryMax at least retryBase");
        }
        SinkSettings settings = new SinkSettings(poll, attempts, new Backoff(base, max), open);
        // a disabled sink is documented config, not a connection: its secrets need not exist
        TicketSink sink = enabled ? reader.read(name, yaml, secrets) : null;
        return new SinkConfig(name, yaml.file(), kind, enabled, settings, sink);
    }
}
