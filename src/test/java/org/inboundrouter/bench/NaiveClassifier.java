package org.inboundrouter.bench;

import org.inboundrouter.classify.Taxonomy;
import org.inboundrouter.classify.TextNormalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Baseline (a) of the classifier benchmark: the same scoring done the obvious way. The message is folded with
 * {@link TextNormalizer#normalize} (the folding the real classifier does), then every folded keyword, negative
 * keyword and urgency signal of the taxonomy is searched with {@link String#indexOf}, in a loop that goes on past
 * occurrences inside a longer word or number (the real classifier's boundary rule: a keyword edge that is an ASCII
 * letter or digit must not continue a run of the same class) and stops at the first that counts (a keyword counts
 * once per field, as in the real classifier); the weights are summed per category. The taxonomy's
 * regular-expression patterns are run exactly as KeywordClassifier runs them (each pattern of each category, one
 * {@code Matcher.find} over the folded text), so both do the same work. The answer is the top category (or "other"
 * below minScore) and the urgency.
 */
public final class NaiveClassifier {

    private final String[] terms;
    private final int[] categoryOf;
    private final double[] weights;
    private final int[] urgencies;
    private final boolean[] checkLeft;
    private final boolean[] checkRight;
    private final int categories;
    private final int other;
    private final double minScore;
    private final Pattern[][] patterns;
    private final double[][] patternWeights;

    public NaiveClassifier(Taxonomy taxonomy) {
        List<String> t = new ArrayList<>();
        List<int[]> meta = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        List<Taxonomy.Category> cs = taxonomy.categories();
        int otherIndex = -1;
        for (int i = 0; i < cs.size(); i++) {
            if (cs.get(i).id().equals("other")) {
                otherIndex = i;
            }
            for (Map.Entry<String, Double> k : cs.get(i).keywords().entrySet()) {
                t.add(TextNormalizer.normalize(k.getKey()));
                meta.add(new int[] {i, 0});
                w.add(k.getValue());
            }
            for (Map.Entry<String, Double> k : cs.get(i).negative().entrySet()) {
                t.add(TextNormalizer.normalize(k.getKey()));
                meta.add(new int[] {i, 0});
                w.add(-k.getValue());
            }
        }
        for (Map.Entry<String, Integer> u : taxonomy.urgency().entrySet()) {
            t.add(TextNormalizer.normalize(u.getKey()));
            meta.add(new int[] {-1, u.getValue()});
            w.add(0.0);
        }
        int n = t.size();
        terms = t.toArray(new String[0]);
        categoryOf = new int[n];
        weights = new double[n];
        urgencies = new int[n];
        checkLeft = new boolean[n];
        checkRight = new boolean[n];
        for (int i = 0; i < n; i++) {
            categoryOf[i] = meta.get(i)[0];
            urgencies[i] = meta.get(i)[1];
            weights[i] = w.get(i);
            checkLeft[i] = wordClass(terms[i].charAt(0)) != 0;
            checkRight[i] = wordClass(terms[i].charAt(terms[i].length() - 1)) != 0;
        }
        categories = cs.size();
        other = otherIndex;
        minScore = taxonomy.scoring().minScore();
        patterns = new Pattern[categories][];
        patternWeights = new double[categories][];
        for (int i = 0; i < categories; i++) {
            List<Taxonomy.WeightedPattern> ps = cs.get(i).patterns();
            patterns[i] = new Pattern[ps.size()];
            patternWeights[i] = new double[ps.size()];
            for (int j = 0; j < ps.size(); j++) {
                patterns[i][j] = ps.get(j).pattern();
                patternWeights[i][j] = ps.get(j).weight();
            }
        }
    }

    /** The index of the top category (other's when none reaches minScore), times 4, plus the urgency levels. */
    public int classify(String text) {
        String folded = TextNormalizer.normalize(text);
        int length = folded.length();
        double[] scores = new double[categories];
        int urgency = 0;
        for (int i = 0; i < terms.length; i++) {
            String term = terms[i];
            int at = folded.indexOf(term);
            while (at >= 0) {
                int end = at + term.length();
                if (!((checkLeft[i] && at > 0 && wordClass(folded.charAt(at - 1)) == wordClass(folded.charAt(at)))
                        || (checkRight[i] && end < length
                                && wordClass(folded.charAt(end)) == wordClass(folded.charAt(end - 1))))) {
                    if (categoryOf[i] < 0) {
                        urgency = Math.max(urgency, urgencies[i]);
                    } else {
                        scores[categoryOf[i]] += weights[i];
                    }
                    break;
                }
                at = folded.indexOf(term, at + 1);
            }
        }
        for (int c = 0; c < categories; c++) {
            for (int j = 0; j < patterns[c].length; j++) {
                Matcher m = patterns[c][j].matcher(folded);
                if (m.find()) {
                    scores[c] += patternWeights[c][j];
                }
            }
        }
        int top = other;
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < categories; c++) {
            if (scores[c] >= minScore && scores[c] > best) {
                best = scores[c];
                top = c;
            }
        }
        return top * 4 + Math.min(urgency, 3);
    }

    public int termCount() {
        return terms.length;
    }

    /** 1 for an ASCII letter, 2 for an ASCII digit, 0 otherwise (as KeywordClassifier). */
    private static int wordClass(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return 1;
        }
        return c >= '0' && c <= '9' ? 2 : 0;
    }
}
