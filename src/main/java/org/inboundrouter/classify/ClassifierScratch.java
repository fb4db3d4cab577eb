package org.inboundrouter.classify;

import org.inboundrouter.classify.Classification.KeywordMatch;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@link KeywordClassifier#classify} call needs besides its result, kept per thread and reused. The engine
 * before it allocated 2.3 to 3.6 KB per message (a folded copy, an origin array, lists and records for everything
 * found); with these buffers a call allocates 0.65 to 0.72 KB, nearly all of it the result itself. Sized for the
 * classifier it belongs to; buffers grown for a very long text are dropped after the call.
 */
final class ClassifierScratch {

    /** Buffers for texts up to this many chars are kept between calls. */
    private static final int KEEP_CHARS = 1 << 16;

    final TermAutomaton.Field field = new TermAutomaton.Field();

    /** Per field, a fresh stamp: a slot marked with it was set in this field (no clearing between fields). */
    private int stamp;
    /** Per keyword meaning: the field it last counted in. */
    final int[] hitCounted;
    /** The patterns triggered in this field, one bit each; then those still to try (see KeywordClassifier). */
    final long[] triggered;
    final long[] candidates;
    /** The literal runs that occur in this field, one bit per run (see KeywordClassifier). */
    final long[] runsSeen;

    /** Where patterns were triggered in this field, in the order their trigger terms were found. */
    int triggers;
    int[] triggerPattern = new int[16];
    int[] triggerBegin = new int[16];
    int[] triggerOrder = new int[16];

    /** Where literal runs end in this field, in order: the end, and the offset of the run set in outputData. */
    int runs;
    int[] runEnd = new int[16];
    int[] runAt = new int[16];
    /** The literal runs ending near one trigger (see KeywordClassifier#runsNear). */
    final long[] runsNear;

    /** Keywords that count, in this field, in the order they were found (folded begin and end). */
    int keywords;
    int[] keywordHit = new int[16];
    int[] keywordBegin = new int[16];
    int[] keywordEnd = new int[16];
    int[] keywordOrder = new int[16];

    /** Patterns that matched in this field, in the order of their successful trigger. */
    int patterns;
    int[] patternIndex = new int[8];
    int[] patternBegin = new int[8];
    int[] patternEnd = new int[8];
    int[] patternOrder = new int[8];

    /**
     * For the patterns run by java.util.regex: one Matcher per pattern, made the first time it is needed and reset
     * onto the folded field through a view of the buffer, instead of a new String and a new Matcher per try.
     */
    private final Matcher[] matchers;
    private final FoldedView folded = new FoldedView();

    /** The message's result so far. */
    final double[] scores;
    int urgency;
    int matchCount;
    KeywordMatch[] matches = new KeywordMatch[16];
    final int[] ranking;
    final String[] applying;
    final Classification.CategoryScore[] nonZero;

    ClassifierScratch(int hits, int patternCount, int categories, int runWords) {
        hitCounted = new int[hits];
        triggered = new long[(patternCount + 63) >>> 6];
        candidates = new long[triggered.length];
        runsSeen = new long[runWords];
        runsNear = new long[runWords];
        matchers = new Matcher[patternCount];
        scores = new double[categories];
        ranking = new int[categories];
        applying = new String[categories];
        nonZero = new Classification.CategoryScore[categories];
    }

    void startMessage() {
        Arrays.fill(scores, 0);
        urgency = 0;
        matchCount = 0;
    }

    /** After the result is made: no references kept to it, no huge buffers kept. */
    void endMessage() {
        Arrays.fill(matches, 0, matchCount, null);
        Arrays.fill(nonZero, null);
        field.trim(KEEP_CHARS);
        folded.chars = null;
    }

    /** A stamp no slot holds yet; at the (theoretical) wrap-around every slot is cleared. */
    int startField() {
        triggers = 0;
        runs = 0;
        keywords = 0;
        patterns = 0;
        Arrays.fill(runsSeen, 0);
        Arrays.fill(triggered, 0);
        if (++stamp == 0) {
            Arrays.fill(hitCounted, 0);
            stamp = 1;
        }
        return stamp;
    }

    void addTrigger(int pattern, int begin, int order) {
        if (triggers == triggerPattern.length) {
            triggerPattern = Arrays.copyOf(triggerPattern, 2 * triggers);
            triggerBegin = Arrays.copyOf(triggerBegin, 2 * triggers);
            triggerOrder = Arrays.copyOf(triggerOrder, 2 * triggers);
        }
        triggered[pattern >>> 6] |= 1L << pattern;
        triggerPattern[triggers] = pattern;
        triggerBegin[triggers] = begin;
        triggerOrder[triggers++] = order;
    }

    void addRuns(int at, int end) {
        if (runs == runEnd.length) {
            runEnd = Arrays.copyOf(runEnd, 2 * runs);
            runAt = Arrays.copyOf(runAt, 2 * runs);
        }
        runAt[runs] = at;
        runEnd[runs++] = end;
    }

    void addKeyword(int hit, int begin, int end, int order) {
        if (keywords == keywordHit.length) {
            keywordHit = Arrays.copyOf(keywordHit, 2 * keywords);
            keywordBegin = Arrays.copyOf(keywordBegin, 2 * keywords);
            keywordEnd = Arrays.copyOf(keywordEnd, 2 * keywords);
            keywordOrder = Arrays.copyOf(keywordOrder, 2 * keywords);
        }
        keywordHit[keywords] = hit;
        keywordBegin[keywords] = begin;
        keywordEnd[keywords] = end;
        keywordOrder[keywords++] = order;
    }

    void addPattern(int pattern, int begin, int end, int order) {
        if (patterns == patternIndex.length) {
            patternIndex = Arrays.copyOf(patternIndex, 2 * patterns);
            patternBegin = Arrays.copyOf(patternBegin, 2 * patterns);
            patternEnd = Arrays.copyOf(patternEnd, 2 * patterns);
            patternOrder = Arrays.copyOf(patternOrder, 2 * patterns);
        }
        patternIndex[patterns] = pattern;
        patternBegin[patterns] = begin;
        patternEnd[patterns] = end;
        patternOrder[patterns++] = order;
    }

    /** Pattern p's matcher, reset onto this field's folded text (its default region: the whole field). */
    Matcher matcher(int p, Pattern pattern) {
        folded.chars = field.folded;
        folded.length = field.length;
        Matcher m = matchers[p];
        if (m == null) {
            m = pattern.matcher(folded);
            matchers[p] = m;
        }
        return m.reset(folded);
    }

    /** The folded field as the CharSequence java.util.regex reads: chars {@code [0, length)} of the buffer. */
    private static final class FoldedView implements CharSequence {
        char[] chars;
        int length;

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index >= length) {
                throw new StringIndexOutOfBoundsException(index);
            }
            return chars[index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return new String(chars, 0, length);
        }
    }

    void addMatch(KeywordMatch match) {
        if (matchCount == matches.length) {
            matches = Arrays.copyOf(matches, 2 * matchCount);
        }
        matches[matchCount++] = match;
    }
}
