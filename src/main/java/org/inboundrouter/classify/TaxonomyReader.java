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

/**
 * Reads a taxonomy file (format: classifiers/README.md) and checks it whole: every problem is reported with file,
 * line and the path of the setting, so that an edited file that does not load says exactly why.
 */
public final class TaxonomyReader {

    /** The taxonomy shipped inside the jar, used when no file is configured or found. */
    public static final String BUILT_IN = "classifiers/wallet-support.yaml";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final List<String> TOP = List.of("scoring", "urgency", "variants", "categories", "include");
    private static final List<String> FRAGMENT = List.of("categories");
    private static final List<String> FRAGMENT_CATEGORY = List.of("keywords", "negative", "combinations", "veto");
    private static final List<String> CATEGORY = List.of("name", "priority", "keywords", "negative", "combinations",
            "veto");
    private static final List<String> COMBINATION = List.of("terms", "with", "then", "within", "unless", "weight");
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
        Map<String, List<String>> variants = variants(yaml, top.get("variants"));
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
        if (top.containsKey("include")) {
            for (Node item : yaml.sequence(top.get("include").value(), "include")) {
                String name = yaml.scalar(item, "include");
                if (name != null) {
                    include(yaml, item, name, categories);
                }
            }
        }
        checkTermsAreDistinct(yaml, categories);
        return new Taxonomy(yaml.file(), scoring, urgency, variants, categories);
    }

    /**
     * A fragment file beside the taxonomy (what {@code inbound-router learn} writes, once reviewed): per category,
     * keywords and negative keywords that are added or, when the taxonomy has them already, take the fragment's
     * weight, and combinations and vetoes that are added. Its problems are reported with its own file and lines.
     */
    private static void include(YamlTree yaml, Node item, String name, List<Taxonomy.Category> categories) {
        Path file = resolve(yaml.file(), name);
        String text;
        try {
            text = readText(file);
        } catch (IOException e) {
            yaml.problem(item, "include", "cannot read " + file + ": " + e.getMessage());
            return;
        }
        YamlTree fragment = YamlTree.parse(file, text);
        Map<String, Entry> top = fragment.root() == null ? null : fragment.mapping(fragment.root(), null);
        if (top != null) {
            fragment.rejectUnknown(top, FRAGMENT);
            Map<String, Entry> byId = top.containsKey("categories")
                    ? fragment.mapping(top.get("categories").value(), "categories") : Map.of();
            for (Entry e : byId == null ? Map.<String, Entry>of().values() : byId.values()) {
                int at = indexOf(categories, e.key());
                Map<String, Entry> fields = fragment.mapping(e.value(), e.path());
                if (at < 0) {
                    fragment.problem(e.keyNode(), e.path(), "no such category in " + yaml.file());
                    continue;
                }
                if (fields == null) {
                    continue;
                }
                for (String key : List.of("name", "priority")) {
                    if (fields.containsKey(key)) {
                        fragment.problem(fields.get(key).keyNode(), e.path() + "." + key, "an included file adds "
                                + "terms only (" + String.join(", ", FRAGMENT_CATEGORY) + "); set " + key + " in "
                                + yaml.file());
                        fields.remove(key);
                    }
                }
                Taxonomy.Category add = category(fragment, e);
                Taxonomy.Category c = categories.get(at);
                if (add == null) {
                    continue;
                }
                Map<String, Double> keywords = new LinkedHashMap<>(c.keywords());
                keywords.putAll(add.keywords());
                Map<String, Double> negative = new LinkedHashMap<>(c.negative());
                negative.putAll(add.negative());
                List<Taxonomy.Combination> combinations = new ArrayList<>(c.combinations());
                combinations.addAll(add.combinations());
                List<String> veto = new ArrayList<>(c.veto());
                veto.addAll(add.veto());
                categories.set(at, new Taxonomy.Category(c.id(), c.nameZh(), c.nameEn(), c.priority(), keywords,
                        negative, combinations, veto));
            }
        }
        yaml.problems().addAll(fragment.problems());
    }

    private static int indexOf(List<Taxonomy.Category> categories, String id) {
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** An included file's place: beside the taxonomy, in the jar for the built-in one. */
    private static Path resolve(Path taxonomy, String name) {
        Path parent = taxonomy.getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    private static String readText(Path file) throws IOException {
        String s = file.toString();
        if (s.startsWith("classpath:")) {
            try (InputStream in = TaxonomyReader.class.getClassLoader().getResourceAsStream(
                    s.substring("classpath:".length()))) {
                if (in == null) {
                    throw new java.nio.file.NoSuchFileException(s);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /**
     * The files a taxonomy consists of: itself and what it includes (the daemon reloads when any of them changes).
     * A file that does not parse is just itself here; loading it reports why.
     */
    public static List<Path> files(Path file, String text) {
        List<Path> files = new ArrayList<>(List.of(file));
        YamlTree yaml = YamlTree.parse(file, text);
        if (yaml.root() instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
            Entry include = yaml.mapping(yaml.root(), null).get("include");
            if (include != null && include.value() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
                for (Node item : yaml.sequence(include.value(), "include")) {
                    String name = yaml.scalar(item, "include");
                    if (name != null) {
                        files.add(resolve(file, name));
                    }
                }
            }
        }
        return files;
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
        if (fields.containsKey("patterns")) {
            yaml.problem(fields.get("patterns").keyNode(), path + ".patterns", "regular-expression patterns were "
                    + "replaced by combinations (words near each other) and variants: see classifiers/README.md");
            fields.remove("patterns");
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
        List<Taxonomy.Combination> combinations = new ArrayList<>();
        if (fields.containsKey("combinations")) {
            for (Node item : yaml.sequence(fields.get("combinations").value(), path + ".combinations")) {
                Taxonomy.Combination c = combination(yaml, item, path + ".combinations");
                if (c != null) {
                    combinations.add(c);
                }
            }
        }
        List<String> veto = fields.containsKey("veto") ? termList(yaml, fields.get("veto").value(), path + ".veto")
                : List.of();
        for (Map.Entry<String, java.util.Collection<String>> e : Map.<String, java.util.Collection<String>>of(
                "keywords", keywords.keySet(), "negative", negative.keySet(), "veto", veto).entrySet()) {
            if (e.getValue().contains(TermIndex.NUMBER)) {
                yaml.problem(fields.get(e.getKey()).value(), path + "." + e.getKey(), TermIndex.NUMBER
                        + " stands for a number in combinations only (报错 … " + TermIndex.NUMBER + ")");
            }
        }
        return new Taxonomy.Category(id, nameZh, nameEn, priority, keywords, negative, combinations, veto);
    }

    /**
     * {@code {terms: [...], with: [...] | then: [...], within: N, unless: [...], weight: W}}: {@code with} is either
     * order, {@code then} the second word after the first.
     */
    private static Taxonomy.Combination combination(YamlTree yaml, Node item, String path) {
        Map<String, Entry> c = yaml.mapping(item, path);
        if (c == null) {
            return null;
        }
        yaml.rejectUnknown(c, COMBINATION);
        if (c.containsKey("with") == c.containsKey("then")) {
            yaml.problem(item, path, "a combination needs terms and either with (any order) or then (after), "
                    + "not both");
            return null;
        }
        if (!c.containsKey("terms") || !c.containsKey("weight")) {
            yaml.problem(item, path, "a combination needs terms, with or then, and weight");
            return null;
        }
        boolean ordered = c.containsKey("then");
        List<String> terms = termList(yaml, c.get("terms").value(), path + ".terms");
        List<String> second = termList(yaml, c.get(ordered ? "then" : "with").value(),
                path + (ordered ? ".then" : ".with"));
        List<String> unless = c.containsKey("unless") ? termList(yaml, c.get("unless").value(), path + ".unless")
                : List.of();
        Double weight = yaml.number(c.get("weight").value(), path + ".weight", -100, 100);
        int within = Taxonomy.Combination.DEFAULT_WITHIN;
        if (c.containsKey("within")) {
            Double w = yaml.number(c.get("within").value(), path + ".within", 0, 100);
            if (w != null && w != Math.rint(w)) {
                yaml.problem(c.get("within").value(), path + ".within", "a number of characters, 0 to 100");
            } else if (w != null) {
                within = w.intValue();
            }
        }
        if (weight == null || terms.isEmpty() || second.isEmpty()) {
            return null;
        }
        return new Taxonomy.Combination(terms, second, ordered, within, unless, weight);
    }

    /** A list of terms, {@code [a, b]}, or grouped by language for the reader, {@code {zh: [a], en: [b]}}. */
    private static List<String> termList(YamlTree yaml, Node node, String path) {
        List<String> terms = new ArrayList<>();
        if (node instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
            Map<String, Entry> languages = yaml.mapping(node, path);
            if (languages != null) {
                yaml.rejectUnknown(languages, LANGUAGES);
                for (Entry language : languages.values()) {
                    terms.addAll(termList(yaml, language.value(), language.path()));
                }
            }
            return terms;
        }
        for (Node item : yaml.sequence(node, path)) {
            String term = yaml.scalar(item, path);
            if (term == null) {
                continue;
            }
            if (TextNormalizer.normalize(term).isBlank()) {
                yaml.problem(item, path, "a term must have letters or characters");
            } else {
                terms.add(term);
            }
        }
        if (terms.isEmpty()) {
            yaml.problem(node, path, "must list at least one term");
        }
        return terms;
    }

    /** {@code {word: [variant, ...]}}: spellings that count as the word (冲值 for 充值, 登陆 for 登录). */
    private static Map<String, List<String>> variants(YamlTree yaml, Entry entry) {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        if (entry == null) {
            return variants;
        }
        Map<String, Entry> words = yaml.mapping(entry.value(), "variants");
        if (words == null) {
            return variants;
        }
        for (Entry word : words.values()) {
            List<String> spellings = termList(yaml, word.value(), word.path());
            String folded = TextNormalizer.normalize(word.key());
            if (folded.isBlank()) {
                yaml.problem(word.keyNode(), word.path(), "a word must have letters or characters");
            } else if (spellings.stream().anyMatch(v -> TextNormalizer.normalize(v).contains(folded))) {
                yaml.problem(word.value(), word.path(), "a variant must not contain the word it stands for");
            } else {
                variants.put(word.key(), spellings);
            }
        }
        return variants;
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
