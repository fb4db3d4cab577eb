package org.inboundrouter.bench;

import org.inboundrouter.classify.Taxonomy;
import org.inboundrouter.classify.TextNormalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Baseline (a) of the classifier benchmark: the same scoring done the obvious way. The message is folded with
 * {@link TextNormalizer#normalize} (the folding the real classifier does), then every folded keyword, negative
 * keyword and urgency signal of the taxonomy is searched with {@link String#indexOf}, in a loop that goes on past
 * occurrences inside a longer word or number (the real classifier's boundary rule: a keyword edge that is an ASCII
 * letter or digit must not continue a run of the same class) and stops at the first that counts (a keyword counts
 * once per field, as in the real classifier); the weights are summed per category. Every spelling variant is a
 * term of its own. A combination is every occurrence of each of its first words against every occurrence of each of
 * its second words, by indexOf; a veto is one indexOf. So both do the same work. The answer is the top category (or
 * "other" below minScore) and the urgency.
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
    /** Per combination: its category, first words, second words, unless words, whether ordered, within, weight. */
    private final List<Combo> combos = new ArrayList<>();
    private final String[][] vetoes;

    private record Combo(int category, String[] first, String[] second, String[] unless, boolean ordered, int within,
            double weight) {
    }

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
                for (String form : spellings(taxonomy, k.getKey())) {
                    t.add(form);
                    meta.add(new int[] {i, 0});
                    w.add(k.getValue());
                }
            }
            for (Map.Entry<String, Double> k : cs.get(i).negative().entrySet()) {
                for (String form : spellings(taxonomy, k.getKey())) {
                    t.add(form);
                    meta.add(new int[] {i, 0});
                    w.add(-k.getValue());
                }
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
        vetoes = new String[categories][];
        for (int i = 0; i < categories; i++) {
            Taxonomy.Category c = cs.get(i);
            vetoes[i] = all(taxonomy, c.veto());
            for (Taxonomy.Combination k : c.combinations()) {
                combos.add(new Combo(i, all(taxonomy, k.terms()), all(taxonomy, k.with()), all(taxonomy, k.unless()),
                        k.ordered(), k.within(), k.weight()));
            }
        }
    }

    /** A term folded, and with each variant in place of the word it stands for (one at a time). */
    private static List<String> spellings(Taxonomy taxonomy, String term) {
        String folded = TextNormalizer.normalize(term);
        List<String> forms = new ArrayList<>(List.of(folded));
        taxonomy.variants().forEach((word, variants) -> {
            String w = TextNormalizer.normalize(word);
            if (folded.contains(w)) {
                variants.forEach(v -> forms.add(folded.replace(w, TextNormalizer.normalize(v))));
            }
        });
        return forms;
    }

    private static String[] all(Taxonomy taxonomy, List<String> terms) {
        return terms.stream().flatMap(t -> spellings(taxonomy, t).stream()).toArray(String[]::new);
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
        for (Combo k : combos) {
            if (pairs(folded, k)) {
                scores[k.category()] += k.weight();
            }
        }
        for (int c = 0; c < categories; c++) {
            for (String v : vetoes[c]) {
                if (folded.contains(v)) {
                    scores[c] = 0;
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

    /** Whether some occurrence of a first word and of a second word are near enough, in order, not cancelled. */
    private static boolean pairs(String text, Combo k) {
        for (String a : k.first()) {
            for (int i = text.indexOf(a); i >= 0; i = text.indexOf(a, i + 1)) {
                for (String b : k.second()) {
                    for (int j = text.indexOf(b); j >= 0; j = text.indexOf(b, j + 1)) {
                        int aEnd = i + a.length();
                        int bEnd = j + b.length();
                        boolean after = j >= aEnd && j - aEnd <= k.within();
                        boolean before = !k.ordered() && bEnd <= i && i - bEnd <= k.within();
                        if ((after || before) && !cancelled(text, k, Math.min(i, j), Math.max(aEnd, bEnd))) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean cancelled(String text, Combo k, int begin, int end) {
        for (String u : k.unless()) {
            int at = text.indexOf(u, Math.max(0, begin - 2 - u.length()));
            if (at >= 0 && at + u.length() <= end) {
                return true;
            }
        }
        return false;
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
