package org.inboundrouter.classify;

import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.ConfigProblem;
import org.inboundrouter.config.YamlTree;
import org.inboundrouter.config.YamlTree.Entry;
import org.inboundrouter.model.Priority;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a taxonomy file (format: classifiers/README.md) and checks it whole: every problem is reported with file,
 * line and the path of the setting, so that an edited file that does not load says exactly why.
 */
public final class TaxonomyReader {

    /** The taxonomy shipped inside the jar, used when no file is configured or found. */
    public static final String BUILT_IN = "classifiers/wallet-support.yaml";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final List<String> TOP = List.of("scoring", "urgency", "categories");
    private static final List<String> CATEGORY = List.of("name", "priority", "keywords", "negative", "patterns");
    private static final List<String> LANGUAGES = List.of("zh", "en");

    private TaxonomyReader() {
    }

    public static Taxonomy read(Path file) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, null, "no such file")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, null, "cannot read: " + e)));
        }
    }

    public static Taxonomy builtIn() {
        try (InputStream in = TaxonomyReader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + BUILT_IN);
            }
            return parse(Path.of("classpath:" + BUILT_IN), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in " + BUILT_IN, e);
        }
    }

    public static Taxonomy parse(Path file, String text) {
        YamlTree yaml = YamlTree.parse(file, text);
        Taxonomy taxonomy = yaml.root() == null ? null : taxonomy(yaml);
        if (!yaml.problems().isEmpty()) {
            throw new ConfigException(yaml.problems());
        }
        return taxonomy;
    }

    private static Taxonomy taxonomy(YamlTree yaml) {
        Map<String, Entry> top = yaml.mapping(yaml.root(), null);
        if (top == null) {
            return null;
        }
        yaml.rejectUnknown(top, TOP);
        Taxonomy.Scoring scoring = scoring(yaml, top.get("scoring"));
        Map<String, Integer> urgency = new LinkedHashMap<>();
        if (top.containsKey("urgency")) {
            Map<String, Entry> terms = yaml.mapping(top.get("urgency").value(), "urgency");
            if (terms != null) {
                for (Entry e : terms.values()) {
                    Double levels = yaml.number(e.value(), e.path(), 1, 3);
                    if (levels != null && levels != Math.rint(levels)) {
                        yaml.problem(e.value(), e.path(), "must be 1, 2 or 3 (priority levels to raise)");
                    } else if (levels != null) {
                        urgency.put(e.key(), levels.intValue());
                    }
                }
            }
        }
        List<Taxonomy.Category> categories = new ArrayList<>();
        Entry categoriesEntry = top.get("categories");
        if (categoriesEntry == null) {
            yaml.problem(yaml.root(), "categories", "required, missing");
        } else {
            Map<String, Entry> byId = yaml.mapping(categoriesEntry.value(), "categories");
            if (byId != null) {
                for (Entry e : byId.values()) {
                    Taxonomy.Category c = category(yaml, e);
                    if (c != null) {
                        categories.add(c);
                    }
                }
                if (!byId.containsKey("other")) {
                    yaml.problem(categoriesEntry.keyNode(), "categories", "must define \"other\", the category "
                            + "for messages nothing else fits");
                }
            }
        }
        checkTermsAreDistinct(yaml, categories);
        return new Taxonomy(yaml.file(), scoring, urgency, categories);
    }

    private static Taxonomy.Scoring scoring(YamlTree yaml, Entry entry) {
        double minScore = 2;
        double subjectWeight = 2;
        if (entry != null) {
            Map<String, Entry> s = yaml.mapping(entry.value(), "scoring");
            if (s != null) {
                yaml.rejectUnknown(s, List.of("minScore", "subjectWeight"));
                if (s.containsKey("minScore")) {
                    Double v = yaml.number(s.get("minScore").value(), "scoring.minScore", 0.01, 1000);
                    minScore = v == null ? minScore : v;
                }
                if (s.containsKey("subjectWeight")) {
                    Double v = yaml.number(s.get("subjectWeight").value(), "scoring.subjectWeight", 0, 100);
                    subjectWeight = v == null ? subjectWeight : v;
                }
            }
        }
        return new Taxonomy.Scoring(minScore, subjectWeight);
    }

    private static Taxonomy.Category category(YamlTree yaml, Entry entry) {
        String id = entry.key();
        String path = entry.path();
        if (!ID.matcher(id).matches()) {
            yaml.problem(entry.keyNode(), path, "a category id is lower-case letters, digits and '_'");
        }
        Map<String, Entry> fields = yaml.mapping(entry.value(), path);
        if (fields == null) {
            return null;
        }
        yaml.rejectUnknown(fields, CATEGORY);
        String nameZh = id;
        String nameEn = id;
        if (fields.containsKey("name")) {
            Map<String, Entry> names = yaml.mapping(fields.get("name").value(), path + ".name");
            if (names != null) {
                yaml.rejectUnknown(names, LANGUAGES);
                nameZh = names.containsKey("zh") ? yaml.scalar(names.get("zh").value(), path + ".name.zh") : id;
                nameEn = names.containsKey("en") ? yaml.scalar(names.get("en").value(), path + ".name.en") : id;
            }
        }
        Priority priority = Priority.NORMAL;
        if (fields.containsKey("priority")) {
            String p = yaml.scalar(fields.get("priority").value(), path + ".priority");
            try {
                priority = p == null ? priority : Priority.valueOf(p.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                yaml.problem(fields.get("priority").value(), path + ".priority",
                        "must be one of low, normal, high, urgent, was \"" + p + "\"");
            }
        }
        Map<String, Double> keywords = terms(yaml, fields.get("keywords"), path + ".keywords");
        Map<String, Double> negative = terms(yaml, fields.get("negative"), path + ".negative");
        List<Taxonomy.WeightedPattern> patterns = new ArrayList<>();
        if (fields.containsKey("patterns")) {
            for (Node item : yaml.sequence(fields.get("patterns").value(), path + ".patterns")) {
                Map<String, Entry> p = yaml.mapping(item, path + ".patterns");
                if (p == null) {
                    continue;
                }
                yaml.rejectUnknown(p, List.of("regex", "weight"));
                String regex = p.containsKey("regex") ? yaml.scalar(p.get("regex").value(), path + ".patterns.regex")
                        : null;
                Double weight = p.containsKey("weight")
                        ? yaml.number(p.get("weight").value(), path + ".patterns.weight", -100, 100) : null;
                if (regex == null || weight == null) {
                    if (!p.containsKey("regex") || !p.containsKey("weight")) {
                        yaml.problem(item, path + ".patterns", "each pattern needs regex and weight");
                    }
                    continue;
                }
                try {
                    patterns.add(new Taxonomy.WeightedPattern(Pattern.compile(regex), weight));
                } catch (PatternSyntaxException e) {
                    yaml.problem(p.get("regex").value(), path + ".patterns.regex",
                            "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
                }
            }
        }
        return new Taxonomy.Category(id, nameZh, nameEn, priority, keywords, negative, patterns);
    }

    /** {@code {zh: {term: weight}, en: {term: weight}}}: the languages only group terms for the reader. */
    private static Map<String, Double> terms(YamlTree yaml, Entry entry, String path) {
        Map<String, Double> terms = new LinkedHashMap<>();
        if (entry == null) {
            return terms;
        }
        Map<String, Entry> languages = yaml.mapping(entry.value(), path);
        if (languages == null) {
            return terms;
        }
        yaml.rejectUnknown(languages, LANGUAGES);
        for (Entry language : languages.values()) {
            Map<String, Entry> byTerm = yaml.mapping(language.value(), language.path());
            if (byTerm == null) {
                continue;
            }
            for (Entry t : byTerm.values()) {
                Double weight = yaml.number(t.value(), t.path(), 0.01, 100);
                String folded = TextNormalizer.normalize(t.key());
                if (folded.isBlank()) {
                    yaml.problem(t.keyNode(), t.path(), "a keyword must have letters or characters");
                } else if (weight != null && terms.put(t.key(), weight) != null) {
                    yaml.problem(t.keyNode(), t.path(), "listed twice in this category");
                }
            }
        }
        return terms;
    }

    /**
     * A term that folds to the same text twice in one category (帳戶 and 账户) would count twice; say so instead.
     */
    private static void checkTermsAreDistinct(YamlTree yaml, List<Taxonomy.Category> categories) {
        for (Taxonomy.Category c : categories) {
            Map<String, String> folded = new HashMap<>();
            for (String term : c.keywords().keySet()) {
                String previous = folded.put(TextNormalizer.normalize(term), term);
                if (previous != null) {
                    yaml.problems().add(new ConfigProblem(yaml.file(), 0, "categories." + c.id() + ".keywords",
                            "\"" + term + "\" and \"" + previous + "\" are the same keyword once folded "
                                    + "(case, full-width and traditional forms match alike)"));
                }
            }
        }
    }
}
