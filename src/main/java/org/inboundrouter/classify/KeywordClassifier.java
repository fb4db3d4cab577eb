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
        final List<KeywordMatch> matches = new ArrayList<>();
        int urgency;

        Tally(int categories) {
            scores = new double[categories];
            vetoed = new boolean[categories];
        }
    }

    /** A combination word found in a field, at {@code [begin, end)} of the folded text. */
    private record Found(Use use, int begin, int end) {
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
        Field f = new Field(folded, origin, name, multiplier, new long[(index.slots + 63) >>> 6],
                newWordLists(combinations.size()));
        if (!index.numberUses.isEmpty()) {
            numbers(folded, f.words);
        }
        if (index.trie.size() > 0) {
            index.trie.parseText(folded.toCharArray(), (begin, end, form) -> take(form, begin, end, f, tally));
        }
        for (int rule = 0; rule < f.words.length && f.scores(); rule++) {
            if (f.words[rule] != null) {
                combine(rule, f.words[rule], origin, name, multiplier, tally);
            }
        }
    }

    /**
     * One field being read: its folded text, where each folded char came from, the slots counted so far and, per
     * combination, the words of it found so far (most fields touch a few of the combinations). A field that carries
     * no weight (subjectWeight 0) still holds vetoes and urgency signals: "anywhere in the message" means the
     * subject too.
     */
    private record Field(String folded, int[] origin, String name, double multiplier, long[] counted,
            List<Found>[] words) {
        boolean scores() {
            return multiplier != 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Found>[] newWordLists(int n) {
        return new List[n];
    }

    /** What one term found at {@code [begin, end)} of the folded text means, for each of its uses. */
    private void take(Form form, int begin, int end, Field f, Tally tally) {
        if (insideLongerWord(f.folded(), begin, end, form)) {
            return;
        }
        int start = f.origin()[begin];
        int stop = f.origin()[end - 1] + 1;
        for (Use use : form.uses()) {
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
                        tally.matches.add(new KeywordMatch("urgency", use.written(), null, f.name(), start, stop,
                                use.weight()));
                    }
                }
                case VETO -> {
                    tally.vetoed[use.category()] = true;
                    tally.matches.add(new KeywordMatch("veto", use.written(), ids[use.category()], f.name(), start,
                            stop, 0));
                }
                default -> {
                    List<Found> found = f.words()[use.slot()];
                    // an ordered combination's second word only counts after a first one (hits come in the order
                    // their words end): most single characters (刷, 付, 扣) are second words, and are not even kept
                    // where nothing came first
                    if (use.kind() == Kind.SECOND && found == null
                            && combinations.get(use.slot()).combination().ordered()) {
                        continue;
                    }
                    if (found == null) {
                        found = f.words()[use.slot()] = new ArrayList<>(4);
                    }
                    found.add(new Found(use, begin, end));
                }
            }
        }
    }

    /** Every run of digits, as a word of each combination that uses {@code <number>}. */
    private void numbers(String folded, List<Found>[] words) {
        for (int i = 0; i < folded.length(); i++) {
            if (TermIndex.wordClass(folded.charAt(i)) != 2) {
                continue;
            }
            int end = i;
            while (end < folded.length() && TermIndex.wordClass(folded.charAt(end)) == 2) {
                end++;
            }
            for (Use use : index.numberUses) {
                List<Found> found = words[use.slot()];
                if (found == null) {
                    found = words[use.slot()] = new ArrayList<>(4);
                }
                found.add(new Found(use, i, end));
            }
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
            tally.matches.add(new KeywordMatch("combination", pair[0].use().written() + " … "
                    + pair[1].use().written(), ids[use.category()], name, origin[begin], origin[end - 1] + 1,
                    weight));
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
        tally.matches.sort(IN_ORDER);
        return new Classification(primary, applying, raised, confidence, nonZero, tally.matches);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
