package org.inboundrouter.classify;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every term a taxonomy looks for (keywords, negative keywords, urgency signals, the words of combinations, vetoes),
 * folded and with its spelling variants, in one Aho-Corasick automaton (hankcs' double-array trie), so that a field
 * is read once whatever the size of the taxonomy. Each folded form carries the uses it has: one form can be a
 * keyword of one category, a word of another's combination and an urgency signal at once.
 */
final class TermIndex {

    /** What finding a term means. */
    enum Kind { KEYWORD, NEGATIVE, URGENCY, VETO, FIRST, SECOND, UNLESS }

    /**
     * One use of a term.
     *
     * @param category index of the category, -1 for urgency signals
     * @param slot     keywords, negatives and urgency signals: the term's number, so that it counts once per field
     *                 whatever spelling it was found in; combination words: the combination's number
     * @param weight   score (negative for negative keywords), or the levels an urgency signal raises
     * @param written  the term as the taxonomy writes it, for the result
     */
    record Use(Kind kind, int category, int slot, double weight, String written) {
    }

    /** A folded form with its uses; {@code left}/{@code right}: its edge is a Latin letter or digit. */
    record Form(boolean left, boolean right, Use[] uses, Use[] scoring, Use[] words, long[] first, long[] second,
            long[] orderedSecond) {

        /**
         * A form's uses apart: those that score (keywords, negatives, urgency, vetoes) and those that are words of
         * combinations, with the combinations it is a first word of, a second word of, and a second word of where
         * the order counts, as bit sets: finding a word of ten combinations is then three ORs, not ten steps.
         */
        static Form of(boolean left, boolean right, Use[] uses, boolean[] ordered) {
            int bits = (ordered.length + 63) >>> 6;
            long[] first = new long[bits];
            long[] second = new long[bits];
            long[] orderedSecond = new long[bits];
            List<Use> scoring = new ArrayList<>();
            List<Use> words = new ArrayList<>();
            for (Use u : uses) {
                int r = u.slot();
                switch (u.kind()) {
                    case FIRST -> first[r >>> 6] |= 1L << r;
                    case SECOND -> (ordered[r] ? orderedSecond : second)[r >>> 6] |= 1L << r;
                    case UNLESS -> { }
                    default -> scoring.add(u);
                }
                if (u.kind().ordinal() >= Kind.FIRST.ordinal()) {
                    words.add(u);
                }
            }
            return new Form(left, right, uses, scoring.toArray(Use[]::new), words.toArray(Use[]::new), first, second,
                    orderedSecond);
        }
    }

    /**
     * The word of a combination that stands for any number, a run of digits (充了 → {@code <number>}: 充了200; 报错
     * … {@code <number>}: an error code). Numbers are found by a scan of their own, not by the automaton.
     */
    static final String NUMBER = "<number>";

    /** What {@link #NUMBER} means where combinations use it. */
    private final List<Use> numberUses = new ArrayList<>();
    /** {@link #NUMBER} as a form of its own (found by a digit scan), or null when no combination uses it. */
    final Form numberWords;

    /** At most this many spellings of one term: variants of several words in one term multiply. */
    private static final int MAX_FORMS = 32;

    final AhoCorasickDoubleArrayTrie<Form> trie = new AhoCorasickDoubleArrayTrie<>();
    /** Number of keyword, negative and urgency slots. */
    final int slots;
    /** A taxonomy without a single term (only {@code other}): nothing to search. */
    private final boolean empty;
    private final Map<String, List<String>> variants = new LinkedHashMap<>();
    private final Map<String, List<Use>> uses = new LinkedHashMap<>();
    private final List<Map.Entry<String, Use>> pending = new ArrayList<>();
    /** Per folded form, the owners it is written for explicitly (see {@link #owner}). */
    private final Map<String, Set<String>> explicit = new LinkedHashMap<>();

    TermIndex(Taxonomy taxonomy, List<CombinationRule> combinations) {
        taxonomy.variants().forEach((word, spellings) -> variants.put(TextNormalizer.normalize(word),
                spellings.stream().map(TextNormalizer::normalize).toList()));
        int slot = 0;
        for (Map.Entry<String, Integer> u : taxonomy.urgency().entrySet()) {
            add(u.getKey(), new Use(Kind.URGENCY, -1, slot++, u.getValue(), u.getKey()));
        }
        List<Taxonomy.Category> categories = taxonomy.categories();
        for (int c = 0; c < categories.size(); c++) {
            Taxonomy.Category category = categories.get(c);
            for (Map.Entry<String, Double> k : category.keywords().entrySet()) {
                add(k.getKey(), new Use(Kind.KEYWORD, c, slot++, k.getValue(), k.getKey()));
            }
            for (Map.Entry<String, Double> k : category.negative().entrySet()) {
                add(k.getKey(), new Use(Kind.NEGATIVE, c, slot++, -k.getValue(), k.getKey()));
            }
            for (String v : category.veto()) {
                add(v, new Use(Kind.VETO, c, -1, 0, v));
            }
        }
        slots = slot;
        for (int r = 0; r < combinations.size(); r++) {
            CombinationRule rule = combinations.get(r);
            Taxonomy.Combination c = rule.combination();
            for (String t : c.terms()) {
                add(t, new Use(Kind.FIRST, rule.category(), r, c.weight(), t));
            }
            for (String t : c.with()) {
                add(t, new Use(Kind.SECOND, rule.category(), r, c.weight(), t));
            }
            for (String t : c.unless()) {
                add(t, new Use(Kind.UNLESS, rule.category(), r, 0, t));
            }
        }
        boolean[] ordered = new boolean[combinations.size()];
        for (int r = 0; r < ordered.length; r++) {
            ordered[r] = combinations.get(r).combination().ordered();
        }
        Map<String, Form> forms = build(ordered);
        // numbers are found before the automaton's terms: as no first word can have been seen yet, a number never
        // waits for one (every combination counts as unordered here; pairing checks the order)
        numberWords = numberUses.isEmpty() ? null
                : Form.of(false, false, numberUses.toArray(Use[]::new), new boolean[ordered.length]);
        empty = forms.isEmpty() && numberWords == null;
        if (!forms.isEmpty()) {
            trie.build(forms);   // the library's trie cannot be built, nor searched, without a term
        }
    }

    boolean empty() {
        return empty;
    }

    /** A combination with the index of its category. */
    record CombinationRule(int category, Taxonomy.Combination combination) {
    }

    /** The term as written, for {@link #build}. */
    private void add(String term, Use use) {
        String folded = TextNormalizer.normalize(term);
        if (folded.equals(NUMBER)) {
            numberUses.add(use);
            return;
        }
        pending.add(Map.entry(folded, use));
        explicit.computeIfAbsent(folded, f -> new LinkedHashSet<>()).add(owner(use));
    }

    /**
     * Who a use belongs to: a category's keywords (or negatives, or vetoes), or one side of one combination. A variant
     * spelling that some term of the same owner writes in its own right adds nothing: 冲值 listed as a keyword of
     * topup beside 充值 must not count twice as the variant of 充值.
     */
    private static String owner(Use use) {
        boolean combination = use.kind() == Kind.FIRST || use.kind() == Kind.SECOND || use.kind() == Kind.UNLESS;
        return use.kind() + "/" + use.category() + (combination ? "/" + use.slot() : "");
    }

    /** Every pending term in each of its spellings, with its use. */
    private Map<String, Form> build(boolean[] ordered) {
        for (Map.Entry<String, Use> p : pending) {
            String owner = owner(p.getValue());
            List<String> forms = spellings(p.getKey());
            for (int i = 0; i < forms.size(); i++) {
                String form = forms.get(i);
                if (i > 0 && explicit.getOrDefault(form, Set.of()).contains(owner)) {
                    continue;
                }
                uses.computeIfAbsent(form, f -> new ArrayList<>()).add(p.getValue());
            }
        }
        Map<String, Form> forms = new java.util.TreeMap<>();
        uses.forEach((form, list) -> forms.put(form, Form.of(wordChar(form.charAt(0)),
                wordChar(form.charAt(form.length() - 1)), list.toArray(Use[]::new), ordered)));
        return forms;
    }

    /** {@code folded} and every spelling the variants give it, {@code folded} first. */
    List<String> spellings(String folded) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(folded);
        for (Map.Entry<String, List<String>> v : variants.entrySet()) {
            for (String form : List.copyOf(forms)) {
                if (form.contains(v.getKey())) {
                    for (String spelling : v.getValue()) {
                        if (forms.size() < MAX_FORMS) {
                            forms.add(form.replace(v.getKey(), spelling));
                        }
                    }
                }
            }
        }
        return List.copyOf(forms);
    }

    /** An ASCII letter or digit: an edge of such a char needs a boundary in the text. */
    static boolean wordChar(char c) {
        return wordClass(c) != 0;
    }

    /** 1 for an ASCII letter, 2 for an ASCII digit, 0 otherwise. */
    static int wordClass(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return 1;
        }
        return c >= '0' && c <= '9' ? 2 : 0;
    }
}
