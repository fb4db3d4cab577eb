package org.inboundrouter.classify;

import org.inboundrouter.classify.Classification.CategoryScore;
import org.inboundrouter.classify.Classification.KeywordMatch;
import org.inboundrouter.classify.TermIndex.CombinationRule;
import org.inboundrouter.classify.TermIndex.Form;
import org.inboundrouter.classify.TermIndex.Kind;
import org.inboundrouter.classify.TermIndex.Use;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Priority;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The taxonomy-driven classifier. Subject and text are folded ({@link TextNormalizer}) and read once each by the
 * {@link TermIndex} automaton, which finds every term of every construct. A Latin term counts only where it is not
 * part of a longer word (ASCII-letter boundaries), a term that starts or ends with a digit only where it is not part
 * of a longer number; a Chinese term counts wherever it appears, since Chinese has no spaces between words.
 * <p>
 * Per field: a keyword (in any of its spellings) counts once, however often it is repeated; a combination counts
 * once, for the first pair of its words close enough together that no {@code unless} word cancels. Then per
 * category: keywords and combinations add, negative keywords subtract, a veto word anywhere in the message rules the
 * category out. Every category at or above {@code minScore} applies; the highest is primary, and {@code other}, when
 * it has keywords of its own (out-of-scope talk), competes like any other. Immutable and thread-safe.
 */
public final class KeywordClassifier implements Classifier {

    private static final String SUBJECT = "subject";
    private static final String TEXT = "text";
    private static final Priority[] PRIORITIES = Priority.values();
    /** Subject first, then by position: the order an agent reads the evidence in. */
    private static final Comparator<KeywordMatch> IN_ORDER = (a, b) -> {
        boolean aSubject = a.field().equals(SUBJECT);
        if (aSubject != b.field().equals(SUBJECT)) {
            return aSubject ? -1 : 1;
        }
        return a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.end(), b.end());
    };

    private final Taxonomy taxonomy;
    private final String[] ids;
    private final Priority[] priorities;
    private final int otherIndex;
    private final double minScore;
    private final double subjectWeight;
    private final List<CombinationRule> combinations = new ArrayList<>();
    private final TermIndex index;

    public KeywordClassifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        List<Taxonomy.Category> categories = taxonomy.categories();
        ids = categories.stream().map(Taxonomy.Category::id).toArray(String[]::new);
        priorities = categories.stream().map(Taxonomy.Category::priority).toArray(Priority[]::new);
        otherIndex = Arrays.asList(ids).indexOf(Classification.OTHER);
        minScore = taxonomy.scoring().minScore();
        subjectWeight = taxonomy.scoring().subjectWeight();
        for (int c = 0; c < categories.size(); c++) {
            for (Taxonomy.Combination combination : categories.get(c).combinations()) {
                combinations.add(new CombinationRule(c, combination));
            }
        }
        index = new TermIndex(taxonomy, combinations);
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    @Override
    public Classification classify(InboundMessage message) {
        return classify(message.subject(), message.text());
    }

    public Classification classify(String subject, String text) {
        Tally tally = new Tally(ids.length);
        scan(subject, SUBJECT, subjectWeight, tally);
        scan(text, TEXT, 1.0, tally);
        return decide(tally);
    }

    /** What one message has gathered so far. */
    private static final class Tally {
        final double[] scores;
        final boolean[] vetoed;
        final List<KeywordMatch> matches = new ArrayList<>(32);
        int urgency;

        Tally(int categories) {
            scores = new double[categories];
            vetoed = new boolean[categories];
        }
    }

    /** A combination word found in a field, at {@code [begin, end)} of the folded text. */
    private record Found(Use use, int begin, int end) {
    }

    /** A term found that is a word of some combination: its uses, at {@code [begin, end)} of the folded text. */
    private record Hit(Use[] uses, int begin, int end) {
    }

    private void scan(String field, String name, double multiplier, Tally tally) {
        if (field == null || field.isEmpty() || index.empty()) {
            return;
        }
        int[] origin = new int[field.length()];
        String folded = TextNormalizer.normalize(field, origin);
        if (folded.isEmpty()) {
            return;
        }
        int bits = (combinations.size() + 63) >>> 6;
        Field f = new Field(folded, origin, name, multiplier, new long[(index.slots + 63) >>> 6], new ArrayList<>(64),
                new long[bits], new long[bits]);
        char[] chars = folded.toCharArray();
        if (index.numberWords != null) {
            numbers(chars, f);
        }
        if (index.trie.size() > 0) {
            index.trie.parseText(chars, (begin, end, form) -> take(form, begin, end, f, tally));
        }
        if (!f.scores() || f.words().isEmpty()) {
            return;
        }
        // only a combination with a first and a second word in the field can count: its words, in one pass
        @SuppressWarnings("unchecked")
        List<Found>[] groups = new List[combinations.size()];
        for (Hit hit : f.words()) {
            for (Use use : hit.uses()) {
                int rule = use.slot();
                if (f.candidate(rule)) {
                    if (groups[rule] == null) {
                        groups[rule] = new ArrayList<>(8);
                    }
                    groups[rule].add(new Found(use, hit.begin(), hit.end()));
                }
            }
        }
        for (int rule = 0; rule < groups.length; rule++) {
            if (groups[rule] != null) {
                combine(rule, groups[rule], origin, name, multiplier, tally);
            }
        }
    }

    /**
     * One field being read: its folded text, where each folded char came from, the slots counted so far, the words
     * of combinations found, and which combinations have a first and a second word among them. A field that carries
     * no weight (subjectWeight 0) still holds vetoes and urgency signals: "anywhere in the message" means the
     * subject too.
     */
    private record Field(String folded, int[] origin, String name, double multiplier, long[] counted,
            List<Hit> words, long[] first, long[] second) {
        boolean scores() {
            return multiplier != 0;
        }

        /**
         * The combinations this word is a first or second word of. An ordered combination's second word counts only
         * where a first one came before (hits come in the order their words end): most single characters (刷, 付,
         * 扣) are second words of such, and make nothing a candidate where nothing came first.
         */
        void mark(long[] firstOf, long[] secondOf, long[] orderedSecondOf) {
            for (int w = 0; w < first.length; w++) {
                second[w] |= secondOf[w] | (orderedSecondOf[w] & first[w]);
                first[w] |= firstOf[w];
            }
        }

        /** A combination with a first and a second word in this field: the only kind that can count. */
        boolean candidate(int rule) {
            return (first[rule >>> 6] & second[rule >>> 6] & 1L << rule) != 0;
        }
    }

    /** What one term found at {@code [begin, end)} of the folded text means, for each of its uses. */
    private void take(Form form, int begin, int end, Field f, Tally tally) {
        if (insideLongerWord(f.folded(), begin, end, form)) {
            return;
        }
        Use[] scoring = form.scoring();
        if (scoring.length > 0) {
            int start = f.origin()[begin];
            int stop = f.origin()[end - 1] + 1;
            for (Use use : scoring) {
                switch (use.kind()) {
                    case KEYWORD, NEGATIVE -> {
                        if (f.scores() && firstTime(f.counted(), use.slot())) {
                            double weight = use.weight() * f.multiplier();
                            tally.scores[use.category()] += weight;
                            tally.matches.add(new KeywordMatch(weight < 0 ? "negative" : "keyword", use.written(),
                                    ids[use.category()], f.name(), start, stop, weight));
                        }
                    }
                    case URGENCY -> {
                        if (firstTime(f.counted(), use.slot())) {
                            tally.urgency = Math.max(tally.urgency, (int) use.weight());
                            tally.matches.add(new KeywordMatch("urgency", use.written(), null, f.name(), start,
                                    stop, use.weight()));
                        }
                    }
                    default -> {
                        tally.vetoed[use.category()] = true;
                        tally.matches.add(new KeywordMatch("veto", use.written(), ids[use.category()], f.name(),
                                start, stop, 0));
                    }
                }
            }
        }
        if (form.words().length > 0) {
            f.mark(form.first(), form.second(), form.orderedSecond());
            f.words().add(new Hit(form.words(), begin, end));
        }
    }

    /** Every run of digits, as a word of each combination that uses {@code <number>}. */
    private void numbers(char[] folded, Field f) {
        for (int i = 0; i < folded.length; i++) {
            if (folded[i] < '0' || folded[i] > '9') {
                continue;
            }
            int end = i;
            while (end < folded.length && folded[end] >= '0' && folded[end] <= '9') {
                end++;
            }
            // numbers are read before the terms, so a number that is an ordered second word is kept whatever
            // came before (see TermIndex.numberWords); the order is checked when the pair is tried
            Form number = index.numberWords;
            f.mark(number.first(), number.second(), number.orderedSecond());
            f.words().add(new Hit(number.words(), i, end));
            i = end;
        }
    }

    /** Marks slot as counted in this field; whether it was not yet. */
    private static boolean firstTime(long[] counted, int slot) {
        long bit = 1L << slot;
        if ((counted[slot >>> 6] & bit) != 0) {
            return false;
        }
        counted[slot >>> 6] |= bit;
        return true;
    }

    /** Whether the match {@code [begin, end)} continues a Latin word or a number on a side where that matters. */
    private static boolean insideLongerWord(String text, int begin, int end, Form form) {
        return (form.left() && begin > 0
                && TermIndex.wordClass(text.charAt(begin - 1)) == TermIndex.wordClass(text.charAt(begin)))
                || (form.right() && end < text.length()
                && TermIndex.wordClass(text.charAt(end)) == TermIndex.wordClass(text.charAt(end - 1)));
    }

    /** One combination's words in this field: its first pair that is near enough and not cancelled counts. */
    private void combine(int rule, List<Found> words, int[] origin, String name, double multiplier, Tally tally) {
        Found[] pair = firstPair(combinations.get(rule).combination(), words);
        if (pair != null) {
            Use use = pair[0].use();
            double weight = use.weight() * multiplier;
            tally.scores[use.category()] += weight;
            int begin = Math.min(pair[0].begin(), pair[1].begin());
            int end = Math.max(pair[0].end(), pair[1].end());
            KeywordMatch match = new KeywordMatch("combination", pair[0].use().written() + " … "
                    + pair[1].use().written(), ids[use.category()], name, origin[begin], origin[end - 1] + 1,
                    weight);
            // in its place among the field's keywords, so that the result seldom needs a sort
            int at = tally.matches.size();
            while (at > 0 && IN_ORDER.compare(tally.matches.get(at - 1), match) > 0) {
                at--;
            }
            tally.matches.add(at, match);
        }
    }

    /** The first (by position) pair of a {@code terms} word and a {@code with} word that the combination accepts. */
    private static Found[] firstPair(Taxonomy.Combination c, List<Found> found) {
        for (Found a : found) {
            if (a.use().kind() != Kind.FIRST) {
                continue;
            }
            for (Found b : found) {
                if (b.use().kind() != Kind.SECOND) {
                    continue;
                }
                boolean after = b.begin() >= a.end();
                boolean before = b.end() <= a.begin();
                if (!(after || (before && !c.ordered()))) {
                    continue;   // overlapping (支付失败 holds both words: the keyword is the evidence) or out of order
                }
                int gap = after ? b.begin() - a.end() : a.begin() - b.end();
                if (gap > c.within()) {
                    continue;
                }
                if (!cancelled(found, a, b)) {
                    return new Found[] {a, b};
                }
            }
        }
        return null;
    }

    /**
     * An {@code unless} word between the pair's words or ending at most two characters before the first (没有 … 失败,
     * 不是 … 被骗), not part of either word itself.
     */
    private static boolean cancelled(List<Found> found, Found a, Found b) {
        int begin = Math.min(a.begin(), b.begin());
        int end = Math.max(a.end(), b.end());
        for (Found u : found) {
            if (u.use().kind() == Kind.UNLESS && u.end() <= end && u.end() >= begin - 2
                    && !overlap(u, a) && !overlap(u, b)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlap(Found x, Found y) {
        return x.begin() < y.end() && y.begin() < x.end();
    }

    private Classification decide(Tally tally) {
        double[] scores = tally.scores;
        List<Integer> ranked = new ArrayList<>();
        double positive = 0;
        for (int i = 0; i < ids.length; i++) {
            if (tally.vetoed[i]) {
                scores[i] = 0;
            }
            if (scores[i] != 0) {
                ranked.add(i);
                positive += Math.max(0, scores[i]);
            }
        }
        // highest first; a tie goes to the category written first (a stable sort keeps the file's order)
        ranked.sort((a, b) -> Double.compare(scores[b], scores[a]));
        List<CategoryScore> nonZero = new ArrayList<>(ranked.size());
        List<String> applying = new ArrayList<>();
        for (int i : ranked) {
            nonZero.add(new CategoryScore(ids[i], round(scores[i])));
            if (scores[i] >= minScore) {
                applying.add(ids[i]);
            }
        }
        String primary;
        double confidence;
        Priority priority;
        if (applying.isEmpty()) {
            primary = Classification.OTHER;
            confidence = 0;
            priority = otherIndex >= 0 ? priorities[otherIndex] : Priority.NORMAL;
        } else {
            int top = ranked.get(0);
            primary = ids[top];
            confidence = round(scores[top] / positive);
            priority = priorities[top];
        }
        Priority raised = PRIORITIES[Math.min(Priority.URGENT.ordinal(), priority.ordinal() + tally.urgency)];
        if (!inOrder(tally.matches)) {   // keywords come in the order they end; combinations after them
            tally.matches.sort(IN_ORDER);
        }
        return new Classification(primary, applying, raised, confidence, nonZero, tally.matches);
    }

    private static boolean inOrder(List<KeywordMatch> matches) {
        for (int i = 1; i < matches.size(); i++) {
            if (IN_ORDER.compare(matches.get(i - 1), matches.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
