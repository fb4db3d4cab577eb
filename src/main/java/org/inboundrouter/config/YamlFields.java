package org.inboundrouter.config;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flat YAML mapping read with line numbers, with typed accessors that collect problems instead of failing on the
 * first one, so that a broken file is reported whole.
 */
public final class YamlFields {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final Path file;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    private YamlFields(Path file) {
        this.file = file;
    }

    /** A problem collector for a file that is not YAML (e.g. a properties file), so it reports the same way. */
    public static YamlFields detached(Path file) {
        return new YamlFields(file);
    }

    public static YamlFields read(Path file) {
        return read(file, Map.of());
    }

    /** A setting of application.properties named in a value: {@code ${inbound.local-mail-server.imap-port}}. */
    private static final Pattern SETTING = Pattern.compile("\\$\\{(inbound\\.[a-z0-9.-]+)}");

    /**
     * As {@link #read(Path)}, with {@code ${inbound.…}} in a value replaced by that setting's value from
     * {@code settings} (only the settings offered there; any other is a problem naming the ones that are).
     */
    public static YamlFields read(Path file, Map<String, String> settings) {
        YamlFields yaml = new YamlFields(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            yaml.problem(0, null, "cannot read: " + e.getMessage());
            return yaml;
        }
        YamlTree tree = YamlTree.parse(file, text);
        yaml.problems.addAll(tree.problems());
        Node root = tree.root();
        if (!tree.problems().isEmpty()) {
            return yaml;
        }
        if (!(root instanceof MappingNode mapping)) {
            yaml.problem(YamlTree.line(root), null, "expected a mapping of settings (key: value)");
            return yaml;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                yaml.problem(YamlTree.line(tuple.getKeyNode()), null, "keys must be plain names");
                continue;
            }
            String name = key.getValue();
            yaml.lines.put(name, YamlTree.line(key));
            if (tuple.getValueNode() instanceof ScalarNode value) {
                yaml.fields.put(name, yaml.substitute(name, value.getValue(), settings));
            } else {
                yaml.problem(YamlTree.line(key), name, "expected a single value, not a list or mapping");
            }
        }
        return yaml;
    }

    private String substitute(String name, String value, Map<String, String> settings) {
        Matcher m = SETTING.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String setting = settings.get(m.group(1));
            if (setting == null) {
                problem(name, "${" + m.group(1) + "} is not a setting a channel file can use (those are: "
                        + String.join(", ", new java.util.TreeSet<>(settings.keySet())) + ")");
                setting = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(setting));
        }
        m.appendTail(out);
        return out.toString();
    }

    public Path file() {
        return file;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    public boolean has(String name) {
        return fields.containsKey(name) && !fields.get(name).isBlank();
    }

    public int line(String name) {
        return lines.getOrDefault(name, 0);
    }

    public void problem(int line, String field, String message) {
        problems.add(new ConfigProblem(file, line, field, message));
    }

    public void problem(String field, String message) {
        problem(line(field), field, message);
    }

    /** Reports every key that is not one of {@code known}: a typo must not silently fall back to a default. */
    public void rejectUnknown(Set<String> known) {
        for (String name : lines.keySet()) {
            if (!known.contains(name)) {
                problem(name, "unknown setting (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    public String string(String name, String fallback) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public String requiredString(String name) {
        String value = string(name, null);
        if (value == null) {
            problem(name, "required, missing");
        }
        return value;
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                problem(name, "must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            problem(name, "must be a whole number, was \"" + value + "\"");
            return fallback;
        }
    }

    public boolean bool(String name, boolean fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(name, "must be true or false, was \"" + value + "\"");
                yield fallback;
            }
        };
    }

    /** Durations as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or a bare number of seconds. */
    public Duration duration(String name, Duration fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            problem(name, "must be a duration such as 30s, 5m or 500ms, was \"" + value + "\"");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT));
        }
        problem(name, "must be one of " + String.join(", ", allowed) + ", was \"" + value + "\"");
        return fallback;
    }
}
