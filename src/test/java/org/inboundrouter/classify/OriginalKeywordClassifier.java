package org.inboundrouter.classify;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import org.inboundrouter.classify.Classification.CategoryScore;
import org.inboundrouter.classify.Classification.KeywordMatch;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Priority;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FROZEN: a verbatim copy of {@code KeywordClassifier} as it was before the engine was rewritten for throughput
 * (hankcs automaton, patterns tried with {@code Matcher.lookingAt} where their literal prefix occurs). It is the
 * oracle: {@link GoldenClassifications} writes the golden file from it, and {@link ClassifierEquivalenceTest} and
 * {@link ClassifierDifferentialTest} compare the real engine with it. Only the class name changed; do not edit, or
 * the tests would pin a different behaviour.
 * <p>
 * The original description: the taxonomy-driven classifier. Subject and text are folded ({@link TextNormalizer}) and scanned once each by an
 * Aho-Corasick automaton holding every keyword, negative keyword and urgency signal of every category. A Latin
 * keyword counts only where it is not part of a longer word (ASCII-letter boundaries), a keyword that starts or ends
 * with a digit only where it is not part of a longer number; a Chinese keyword counts wherever it appears, since
 * Chinese has no spaces between words. A keyword counts once per field however often it is repeated: saying
 * "declined" twice is no more evidence than saying it once. Immutable and thread-safe.
 */
final class OriginalKeywordClassifier implements Classifier {

    private static final String SUBJECT = "subject";
    private static final String TEXT = "text";
    private static final Priority[] PRIORITIES = Priority.values();

    /**
     * One meaning of a folded term: it may be a keyword in several categories and an urgency signal at once, or the
     * literal prefix of a pattern (then {@code pattern} is set and the pattern is tried, anchored, where it is found).
     */
    private record Hit(String term, int category, double weight, int urgency, boolean checkLeft, boolean checkRight,
            Pattern pattern, int patternIndex) {
    }

    /** A pattern with no literal prefix: searched in every field (slower; see RegexPrefixes). */
    private record SearchedPattern(int category, Pattern pattern, double weight) {
    }

    private final Taxonomy taxonomy;
    private final String[] ids;
    private final Priority[] priorities;
    private final int otherIndex;
    private final AhoCorasickDoubleArrayTrie<Hit[]> automaton = new AhoCorasickDoubleArrayTrie<>();
    private final List<SearchedPattern> searched = new ArrayList<>();
    private int anchoredPatterns;

    OriginalKeywordClassifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        List<Taxonomy.Category> categories = taxonomy.categories();
        ids = new String[categories.size()];
        priorities = new Priority[categories.size()];
        int other = -1;
        Map<String, List<Hit>> byTerm = new TreeMap<>();
        for (int i = 0; i < categories.size(); i++) {
            Taxonomy.Category c = categories.get(i);
            ids[i] = c.id();
            priorities[i] = c.priority();
            if (c.id().equals(Classification.OTHER)) {
                other = i;
            }
            for (Map.Entry<String, Double> k : c.keywords().entrySet()) {
                add(byTerm, k.getKey(), i, k.getValue(), 0);
            }
            for (Map.Entry<String, Double> k : c.negative().entrySet()) {
                add(byTerm, k.getKey(), i, -k.getValue(), 0);
            }
            for (Taxonomy.WeightedPattern p : c.patterns()) {
                Set<String> prefixes = RegexPrefixes.of(p.pattern().pattern());
                if (prefixes == null) {
                    searched.add(new SearchedPattern(i, p.pattern(), p.weight()));
                    continue;
                }
                int index = anchoredPatterns++;
                for (String prefix : prefixes) {
                    byTerm.computeIfAbsent(prefix, t -> new ArrayList<>())
                            .add(new Hit(p.pattern().pattern(), i, p.weight(), 0, false, false, p.pattern(), index));
                }
            }
        }
        for (Map.Entry<String, Integer> u : taxonomy.urgency().entrySet()) {
            add(byTerm, u.getKey(), -1, 0, u.getValue());
        }
        otherIndex = other;
        TreeMap<String, Hit[]> compiled = new TreeMap<>();
        byTerm.forEach((term, hits) -> compiled.put(term, hits.toArray(new Hit[0])));
        automaton.build(compiled);
    }

    private static void add(Map<String, List<Hit>> byTerm, String term, int category, double weight, int urgency) {
        String folded = TextNormalizer.normalize(term);
        boolean left = wordClass(folded.charAt(0)) != 0;
        boolean right = wordClass(folded.charAt(folded.length() - 1)) != 0;
        byTerm.computeIfAbsent(folded, t -> new ArrayList<>())
                .add(new Hit(term, category, weight, urgency, left, right, null, -1));
    }

    /** 1 for an ASCII letter, 2 for an ASCII digit, 0 otherwise: a keyword edge of class 1 or 2 needs a boundary. */
    private static int wordClass(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return 1;
        }
        return c >= '0' && c <= '9' ? 2 : 0;
    }

    /** Whether the match {@code [begin, end)} continues a word or number of the same class on the checked sides. */
    private static boolean insideLongerWord(String text, int begin, int end, Hit hit) {
        return (hit.checkLeft() && begin > 0 && wordClass(text.charAt(begin - 1)) == wordClass(text.charAt(begin)))
                || (hit.checkRight() && end < text.length()
                        && wordClass(text.charAt(end)) == wordClass(text.charAt(end - 1)));
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    @Override
    public Classification classify(InboundMessage message) {
        return classify(message.subject(), message.text());
    }

    public Classification classify(String subject, String text) {
        double[] scores = new double[ids.length];
        int[] urgency = new int[1];
        List<KeywordMatch> matches = new ArrayList<>();
        scan(subject, SUBJECT, taxonomy.scoring().subjectWeight(), scores, urgency, matches);
        scan(text, TEXT, 1.0, scores, urgency, matches);
        return decide(scores, urgency[0], matches);
    }

    private void scan(String field, String name, double multiplier, double[] scores, int[] urgency,
            List<KeywordMatch> matches) {
        if (field == null || field.isEmpty() || multiplier == 0) {
            return;
        }
        int[] origin = new int[field.length()];
        String folded = TextNormalizer.normalize(field, origin);
        List<Object> counted = new ArrayList<>(8);
        // one Matcher per pattern and field, made on its first trigger: common one-character triggers fire often
        Matcher[] matchers = anchoredPatterns == 0 ? null : new Matcher[anchoredPatterns];
        automaton.parseText(folded, (begin, end, hits) -> {
            for (Hit hit : hits) {
                if (hit.pattern() != null) {
                    if (!containsSame(counted, hit.pattern())) {
                        Matcher m = matchers[hit.patternIndex()];
                        if (m == null) {
                            m = hit.pattern().matcher(folded).useTransparentBounds(true).useAnchoringBounds(false);
                            matchers[hit.patternIndex()] = m;
                        }
                        tryPattern(hit, m, begin, folded.length(), origin, name, multiplier, scores, matches,
                                counted);
                    }
                    continue;
                }
                if (insideLongerWord(folded, begin, end, hit) || containsSame(counted, hit)) {
                    continue;
                }
                counted.add(hit);
                int start = origin[begin];
                int stop = origin[end - 1] + 1;
                if (hit.category() < 0) {
                    urgency[0] = Math.max(urgency[0], hit.urgency());
                    matches.add(new KeywordMatch("urgency", hit.term(), null, name, start, stop, hit.urgency()));
                } else {
                    double weight = hit.weight() * multiplier;
                    scores[hit.category()] += weight;
                    matches.add(new KeywordMatch(weight < 0 ? "negative" : "keyword", hit.term(),
                            ids[hit.category()], name, start, stop, weight));
                }
            }
        });
        for (SearchedPattern p : searched) {
            Matcher m = p.pattern().matcher(folded);
            if (m.find()) {
                recordPattern(p.category(), p.pattern(), p.weight(), m, origin, name, multiplier, scores, matches);
            }
        }
    }

    /** Tries a pattern anchored where its literal prefix was found; lookbehinds and \\b still see the text around. */
    private void tryPattern(Hit hit, Matcher m, int begin, int length, int[] origin, String field, double multiplier,
            double[] scores, List<KeywordMatch> matches, List<Object> counted) {
        m.region(begin, length);
        if (m.lookingAt()) {
            counted.add(hit.pattern());
            recordPattern(hit.category(), hit.pattern(), hit.weight(), m, origin, field, multiplier, scores, matches);
        }
    }

    private void recordPattern(int category, Pattern pattern, double patternWeight, Matcher m, int[] origin,
            String field, double multiplier, double[] scores, List<KeywordMatch> matches) {
        double weight = patternWeight * multiplier;
        scores[category] += weight;
        int start = origin[m.start()];
        int stop = m.end() > m.start() ? origin[m.end() - 1] + 1 : start;
        matches.add(new KeywordMatch("pattern", pattern.pattern(), ids[category], field, start, stop, weight));
    }

    private static boolean containsSame(List<Object> counted, Object hit) {
        for (Object h : counted) {
            if (h == hit) {
                return true;
            }
        }
        return false;
    }

    private Classification decide(double[] scores, int urgency, List<KeywordMatch> matches) {
        // categories with any score, highest first (a handful: insertion sort on primitives)
        int[] order = new int[ids.length];
        int n = 0;
        double positive = 0;
        for (int i = 0; i < ids.length; i++) {
            if (scores[i] != 0) {
                int j = n++;
                while (j > 0 && scores[order[j - 1]] < scores[i]) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = i;
                positive += Math.max(0, scores[i]);
            }
        }
        double minScore = taxonomy.scoring().minScore();
        List<String> categories = new ArrayList<>();
        List<CategoryScore> nonZero = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int i = order[k];
            nonZero.add(new CategoryScore(ids[i], round(scores[i])));
            if (scores[i] >= minScore) {
                categories.add(ids[i]);
            }
        }
        String primary;
        double confidence;
        Priority priority;
        if (categories.isEmpty()) {
            primary = Classification.OTHER;
            confidence = 0;
            priority = otherIndex >= 0 ? priorities[otherIndex] : Priority.NORMAL;
        } else {
            int top = order[0];
            primary = ids[top];
            confidence = round(scores[top] / positive);
            priority = priorities[top];
        }
        Priority raised = PRIORITIES[Math.min(Priority.URGENT.ordinal(), priority.ordinal() + urgency)];
        return new Classification(primary, categories, raised, confidence, nonZero, matches);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
