package org.inboundrouter.classify;

import org.inboundrouter.classify.Classification.CategoryScore;
import org.inboundrouter.classify.Classification.KeywordMatch;
import org.inboundrouter.classify.CompiledTaxonomy.CompiledPattern;
import org.inboundrouter.classify.CompiledTaxonomy.Hit;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Priority;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The taxonomy-driven classifier. Subject and text are folded ({@link TextNormalizer}) and scanned once each by an
 * Aho-Corasick automaton ({@link TermAutomaton}) holding every keyword, negative keyword and urgency signal of every
 * category. A Latin keyword counts only where it is not part of a longer word (ASCII-letter boundaries), a keyword
 * that starts or ends with a digit only where it is not part of a longer number; a Chinese keyword counts wherever it
 * appears, since Chinese has no spaces between words. A keyword counts once per field however often it is repeated:
 * saying "declined" twice is no more evidence than saying it once. Immutable and thread-safe (each thread has its
 * own {@link ClassifierScratch}).
 * <p>
 * Patterns: the same pass finds each pattern's literal prefixes (its triggers) and the literal runs every match
 * contains. A pattern is tried only at its triggers, only in a field where all of its runs occur, and only at a
 * trigger its runs end near enough to (within the longest match the pattern can make); then by
 * {@link PatternProgram#matchAt} where that reproduces the regex exactly, else by the regex, anchored at the trigger.
 * Its match is the regex's at the first trigger (in the order the automaton finds them) where it matches, and takes
 * the place in the result's list that a match found at that trigger has (see {@link CompiledTaxonomy}).
 */
public final class KeywordClassifier implements Classifier {

    private static final String SUBJECT = "subject";
    private static final String TEXT = "text";
    private static final Priority[] PRIORITIES = Priority.values();

    private final CompiledTaxonomy t;
    private final ThreadLocal<ClassifierScratch> scratch;

    public KeywordClassifier(Taxonomy taxonomy) {
        CompiledTaxonomy compiled = new CompiledTaxonomy(taxonomy);
        t = compiled;
        scratch = ThreadLocal.withInitial(() -> new ClassifierScratch(compiled.hits.length, compiled.patterns.length,
                compiled.ids.length, compiled.runWords));
    }

    public Taxonomy taxonomy() {
        return t.taxonomy;
    }

    @Override
    public Classification classify(InboundMessage message) {
        return classify(message.subject(), message.text());
    }

    public Classification classify(String subject, String text) {
        ClassifierScratch s = scratch.get();
        s.startMessage();
        try {
            scan(subject, SUBJECT, t.subjectWeight, s);
            scan(text, TEXT, 1.0, s);
            return decide(s);
        } finally {
            s.endMessage();
        }
    }

    private void scan(String field, String name, double multiplier, ClassifierScratch s) {
        if (field == null || field.isEmpty() || multiplier == 0) {
            return;
        }
        t.automaton.scan(field, s.field);
        int stamp = s.startField();
        collect(s, stamp);
        if (s.triggers > 0) {
            tryTriggers(s);
        }
        record(name, multiplier, s);
        for (int p : t.searched) {
            search(p, field, name, multiplier, s);
        }
    }

    /** Goes through what the automaton found, in its order: keywords that count, triggers, literal runs seen. */
    private void collect(ClassifierScratch s, int stamp) {
        TermAutomaton.Field f = s.field;
        int[] events = f.events;
        long[] seen = s.runsSeen;
        int[] data = t.outputData;
        int order = 0;
        for (int e = 0; e < f.eventCount; e += 2) {
            int at = events[e];
            int end = events[e + 1];
            if (at < 0) {
                order = take(~at >>> CompiledTaxonomy.LENGTH_BITS, end - (~at & CompiledTaxonomy.LENGTH_MASK), end, s,
                        stamp, order);
                continue;
            }
            int runInts = data[at];
            int actions = data[at + 1];
            at += 2;
            if (runInts > 0) {
                s.addRuns(at, end);
                for (int w = 0; w < runInts; w += 2) {
                    seen[w >> 1] |= (long) data[at + w] << 32 | (data[at + w + 1] & 0xFFFFFFFFL);
                }
            }
            at += runInts;
            for (int last = at + 2 * actions; at < last; at += 2) {
                order = take(data[at], end - data[at + 1], end, s, stamp, order);
            }
        }
    }

    /** One action of a term found at {@code [begin, end)}; returns the order number for the next. */
    private int take(int action, int begin, int end, ClassifierScratch s, int stamp, int order) {
        if ((action & 1) == CompiledTaxonomy.TRIGGER) {
            s.addTrigger(action >>> 1, begin, order);
            return order + 1;
        }
        int h = action >>> 1;
        byte edges = t.edges[h];
        if (s.hitCounted[h] == stamp
                || (edges != 0 && insideLongerWord(s.field.folded, s.field.length, begin, end, edges))) {
            return order;
        }
        s.hitCounted[h] = stamp;
        s.addKeyword(h, begin, end, order);
        return order + 1;
    }

    /** Whether the match {@code [begin, end)} continues a word or number of the same class on the checked sides. */
    private static boolean insideLongerWord(char[] text, int length, int begin, int end, int edges) {
        return ((edges & CompiledTaxonomy.LEFT) != 0 && begin > 0
                && CompiledTaxonomy.wordClass(text[begin - 1]) == CompiledTaxonomy.wordClass(text[begin]))
                || ((edges & CompiledTaxonomy.RIGHT) != 0 && end < length
                && CompiledTaxonomy.wordClass(text[end]) == CompiledTaxonomy.wordClass(text[end - 1]));
    }

    /**
     * Each triggered pattern whose runs all occur in the field, tried at its triggers in order until one matches.
     * Which patterns those are is worked out once per field from bit sets (shipped taxonomy, per message: 8.0
     * triggers of 4.9 patterns, 1.8 of which have all their runs), so a trigger of any other pattern is one bit test.
     */
    private void tryTriggers(ClassifierScratch s) {
        long[] candidates = s.candidates;
        long any = 0;
        for (int w = 0; w < candidates.length; w++) {
            long found = 0;
            for (long bits = s.triggered[w]; bits != 0; bits &= bits - 1) {
                int p = w << 6 | Long.numberOfTrailingZeros(bits);
                if (t.runsOccur(p, s.runsSeen)) {
                    found |= 1L << p;
                }
            }
            candidates[w] = found;
            any |= found;
        }
        if (any == 0) {
            return;
        }
        TermAutomaton.Field f = s.field;
        for (int k = 0; k < s.triggers; k++) {
            int p = s.triggerPattern[k];
            if ((candidates[p >>> 6] & 1L << p) == 0) {
                continue;
            }
            int begin = s.triggerBegin[k];
            if (!runsNear(p, begin, s)) {
                continue;
            }
            CompiledPattern pattern = t.patterns[p];
            int end = pattern.interpretable() ? pattern.program().matchAt(f.folded, f.length, begin)
                    : regexAt(p, s, begin);
            if (end >= 0) {
                candidates[p >>> 6] &= ~(1L << p);
                s.addPattern(p, begin, end, s.triggerOrder[k]);
            }
        }
    }

    /**
     * Whether each of pattern p's literal runs ends somewhere in {@code (begin, begin + reach]}, as any match tried at
     * {@code begin} needs. The places where runs end were logged by {@link #collect}, in order, so this looks at a
     * few of them and not at the text. On the shipped taxonomy it rules out half of the triggers whose runs occur
     * somewhere in the field (evaluations: 2.46 to 1.24 per message, 0.76 of them matching), about 85 ns per
     * message (A/B with the CPU-time harness: 1,882 to 1,797 ns).
     */
    private boolean runsNear(int p, int begin, ClassifierScratch s) {
        int reach = t.reach[p];
        if (reach == Integer.MAX_VALUE) {
            return true;
        }
        int limit = reach > Integer.MAX_VALUE - begin ? Integer.MAX_VALUE : begin + reach;
        int[] data = t.outputData;
        int runWords = t.runWords;
        long[] near = s.runsNear;
        Arrays.fill(near, 0);
        for (int r = 0; r < s.runs; r++) {
            int end = s.runEnd[r];
            if (end > limit) {
                break;
            }
            if (end > begin) {
                for (int w = 0, at = s.runAt[r]; w < runWords; w++, at += 2) {
                    near[w] |= (long) data[at] << 32 | (data[at + 1] & 0xFFFFFFFFL);
                }
            }
        }
        return t.runsOccur(p, near);
    }

    /** Pattern p by java.util.regex, anchored at {@code begin}, seeing the text before it (for lookbehinds, \\b). */
    private int regexAt(int p, ClassifierScratch s, int begin) {
        Matcher m = s.matcher(p, t.patterns[p].pattern());
        m.useTransparentBounds(true).useAnchoringBounds(false);
        m.region(begin, s.field.length);
        return m.lookingAt() ? m.end() : -1;
    }

    /** The field's keywords and patterns as matches and scores, in the order the original engine added them. */
    private void record(String name, double multiplier, ClassifierScratch s) {
        int[] origin = s.field.origin;
        double[] scores = s.scores;
        int k = 0;
        int q = 0;
        while (k < s.keywords || q < s.patterns) {
            if (q == s.patterns || (k < s.keywords && s.keywordOrder[k] < s.patternOrder[q])) {
                Hit hit = t.hits[s.keywordHit[k]];
                int start = origin[s.keywordBegin[k]];
                int stop = origin[s.keywordEnd[k] - 1] + 1;
                if (hit.category() < 0) {
                    s.urgency = Math.max(s.urgency, hit.urgency());
                    s.addMatch(new KeywordMatch("urgency", hit.term(), null, name, start, stop, hit.urgency()));
                } else {
                    double weight = hit.weight() * multiplier;
                    scores[hit.category()] += weight;
                    s.addMatch(new KeywordMatch(weight < 0 ? "negative" : "keyword", hit.term(),
                            t.ids[hit.category()], name, start, stop, weight));
                }
                k++;
            } else {
                int begin = s.patternBegin[q];
                int end = s.patternEnd[q];
                int start = origin[begin];
                recordPattern(t.patterns[s.patternIndex[q]], start, end > begin ? origin[end - 1] + 1 : start, name,
                        multiplier, s);
                q++;
            }
        }
    }

    /** A pattern with no literal prefix: searched in the whole field, by the regex, if its runs all occur. */
    private void search(int p, String field, String name, double multiplier, ClassifierScratch s) {
        if (!t.runsOccur(p, s.runsSeen)) {
            return;
        }
        CompiledPattern pattern = t.patterns[p];
        Matcher m = s.matcher(p, pattern.pattern());
        if (m.find()) {
            int start = originOf(m.start(), field, s);
            int stop = m.end() > m.start() ? s.field.origin[m.end() - 1] + 1 : start;
            recordPattern(pattern, start, stop, name, multiplier, s);
        }
    }

    /**
     * The original index of a folded position, where a searched pattern's match may also start at the very end of
     * the folded text: there the original engine read its origin array one past the folded text (0, or the index of
     * a trailing space folding dropped), and failed when that was past the field itself.
     */
    private static int originOf(int position, String field, ClassifierScratch s) {
        if (position < s.field.length) {
            return s.field.origin[position];
        }
        if (position >= field.length()) {
            throw new ArrayIndexOutOfBoundsException(position);
        }
        return s.field.trailingSpace;
    }

    private void recordPattern(CompiledPattern p, int start, int stop, String name, double multiplier,
            ClassifierScratch s) {
        double weight = p.weight() * multiplier;
        s.scores[p.category()] += weight;
        s.addMatch(new KeywordMatch("pattern", p.pattern().pattern(), t.ids[p.category()], name, start, stop, weight));
    }

    private Classification decide(ClassifierScratch s) {
        double[] scores = s.scores;
        String[] ids = t.ids;
        // categories with any score, highest first (a handful: insertion sort on primitives)
        int[] order = s.ranking;
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
        String[] applying = s.applying;
        int applies = 0;
        CategoryScore[] nonZero = s.nonZero;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            nonZero[k] = new CategoryScore(ids[i], round(scores[i]));
            if (scores[i] >= t.minScore) {
                applying[applies++] = ids[i];
            }
        }
        String primary;
        double confidence;
        Priority priority;
        if (applies == 0) {
            primary = Classification.OTHER;
            confidence = 0;
            priority = t.otherIndex >= 0 ? t.priorities[t.otherIndex] : Priority.NORMAL;
        } else {
            int top = order[0];
            primary = ids[top];
            confidence = round(scores[top] / positive);
            priority = t.priorities[top];
        }
        Priority raised = PRIORITIES[Math.min(Priority.URGENT.ordinal(), priority.ordinal() + s.urgency)];
        return new Classification(primary, listOf(applying, applies), raised, confidence, listOf(nonZero, n),
                listOf(s.matches, s.matchCount));
    }

    /**
     * An immutable list of the first n elements, of a kind {@link Classification}'s {@code List.copyOf} keeps as it is.
     * Up to ten, the fixed-arity {@code List.of} keeps its own varargs array; {@code List.of(E...)} would copy the
     * array it is given once more (most results have fewer than ten matches).
     */
    private static <T> List<T> listOf(T[] e, int n) {
        return switch (n) {
            case 0 -> List.of();
            case 1 -> List.of(e[0]);
            case 2 -> List.of(e[0], e[1]);
            case 3 -> List.of(e[0], e[1], e[2]);
            case 4 -> List.of(e[0], e[1], e[2], e[3]);
            case 5 -> List.of(e[0], e[1], e[2], e[3], e[4]);
            case 6 -> List.of(e[0], e[1], e[2], e[3], e[4], e[5]);
            case 7 -> List.of(e[0], e[1], e[2], e[3], e[4], e[5], e[6]);
            case 8 -> List.of(e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7]);
            case 9 -> List.of(e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8]);
            case 10 -> List.of(e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9]);
            default -> List.of(Arrays.copyOf(e, n));
        };
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
