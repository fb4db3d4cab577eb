package org.inboundrouter.config;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document kept as nodes, so that every value still knows its line: config errors name file, line and
 * field. Accessors report problems into {@link #problems()} instead of throwing, so one pass finds them all.
 */
public final class YamlTree {

    private final Path file;
    private final Node root;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private YamlTree(Path file, Node root) {
        this.file = file;
        this.root = root;
    }

    /** Parses {@code text}; a syntax error is reported as a problem and leaves {@link #root()} null. */
    public static YamlTree parse(Path file, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
        try {
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            return new YamlTree(file, composer.getSingleNode().orElse(null));
        } catch (MarkedYamlEngineException e) {
            YamlTree tree = new YamlTree(file, null);
            tree.problems.add(new ConfigProblem(file, e.getProblemMark().map(m -> m.getLine() + 1).orElse(0), null,
                    "not valid YAML: " + e.getProblem()));
            return tree;
        } catch (YamlEngineException e) {
            YamlTree tree = new YamlTree(file, null);
            tree.problems.add(new ConfigProblem(file, 0, null, "not valid YAML: " + e.getMessage()));
            return tree;
        }
    }

    public Path file() {
        return file;
    }

    public Node root() {
        return root;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    public static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    public void problem(Node node, String field, String message) {
        problems.add(new ConfigProblem(file, line(node), field, message));
    }

    /** The entries of a mapping, keys in file order; null (and a problem) when {@code node} is not a mapping. */
    public Map<String, Entry> mapping(Node node, String field) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, field, "expected a mapping (key: value)");
            return null;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
            String path = field == null ? key : field + "." + key;
            if (key == null || key.isBlank()) {
                problem(tuple.getKeyNode(), field, "keys must be plain, non-empty text");
            } else if (entries.containsKey(key)) {
                problem(tuple.getKeyNode(), path, "appears twice");
            } else {
                entries.put(key, new Entry(key, path, tuple.getKeyNode(), tuple.getValueNode()));
            }
        }
        return entries;
    }

    public List<Node> sequence(Node node, String field) {
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, field, "expected a list");
            return List.of();
        }
        return sequence.getValue();
    }

    /** A scalar's text; null (and a problem) for a mapping, a list or an empty value. */
    public String scalar(Node node, String field) {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            problem(node, field, "expected a single non-empty value");
            return null;
        }
        return scalar.getValue().trim();
    }

    public Double number(Node node, String field, double min, double max) {
        String text = scalar(node, field);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (value < min || value > max) {
                problem(node, field, "must be between " + min + " and " + max + ", was " + text);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problem(node, field, "must be a number, was \"" + text + "\"");
            return null;
        }
    }

    /** Reports every key of {@code entries} not in {@code known}: a typo must not silently become a default. */
    public void rejectUnknown(Map<String, Entry> entries, List<String> known) {
        for (Entry e : entries.values()) {
            if (!known.contains(e.key())) {
                problem(e.keyNode(), e.path(), "unknown setting (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** One key of a mapping with its value; {@code path} is the dotted path from the root, for messages. */
    public record Entry(String key, String path, Node keyNode, Node value) {
    }
}
