package org.inboundrouter.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A taxonomy pattern compiled for the classifier, for two uses.
 * <ul>
 *   <li>{@link #requiredRuns()}: runs of literal text that every match contains ({@code (提现|取现).{0,8}(失败|慢)}
 *   needs one of 提现, 取现 and one of 失败, 慢). The classifier's automaton finds them in its one pass, and a pattern is
 *   only tried in a field where all of its runs occur: most triggers ({@code 提现} alone) then cost nothing.</li>
 *   <li>{@link #matchAt}: where the pattern, tried at a position, ends, or -1; the same answer as
 *   {@code Matcher.lookingAt} on the folded text with transparent bounds. It only exists ({@link #interpretable()})
 *   for the subset whose java.util.regex semantics are reproduced exactly: a sequence of literal text (chars and
 *   groups of literal alternatives, plain or with a greedy {@code ?}, nested), one-char items ({@code .}: one code
 *   point, not a line terminator; {@code \d}, {@code \s}, {@code \w}, simple classes, literal chars) with greedy
 *   {@code ? * + {m,n}}, and lookarounds of one char. Literal text is tried in the order the regex's backtracking
 *   tries it (alternatives in order, an optional part first with it) and repetitions longest first, so the match
 *   ends where the regex's does. Anything else ({@code \b}, flags, lazy quantifiers, groups holding more than
 *   literals, ...) is left to the regex itself.</li>
 * </ul>
 * The shipped patterns are mostly {@code (a|b|..).{0,n}(x|y|..)}: java.util.regex tries every alternative of the
 * second group at each of the n + 1 gap lengths through its node graph, which made them two thirds of the
 * classifier's time even when only tried at their prefixes. Here the same search is a loop over a flat program
 * that skips a gap length at once when no alternative can start with the char found there.
 * <p>
 * {@link #parse} returns null where even the literal runs cannot be trusted (inline flags, escapes not listed here):
 * such a pattern is run exactly as the regex says, wherever its prefix occurs.
 */
final class PatternProgram {

    /** At most this many strings per literal run: a longer run is cut, which keeps it necessary but less selective. */
    private static final int RUN_LIMIT = 64;
    /** At most this many strings for one group's literal alternatives (beyond, the group is left to the regex). */
    private static final int GROUP_LIMIT = 256;
    /**
     * Consecutive literal parts are joined into one step while it has at most this many strings: 不是我 is one string,
     * but (扣|付|收|...)了?(两|2|...)(次|笔|遍) becomes two steps of 12 and 21 strings, not one of 252 that would try
     * far more of them at each position (trying them in order is the same for the regex either way). Measured on the
     * shipped patterns' evaluations: 216 ns per message with no limit, 156 to 168 ns with 4, 16 or 64.
     */
    private static final int STEP_LIMIT = 64;

    private static final byte LITERAL = 0;
    private static final byte REPEAT = 1;
    private static final byte LOOK = 2;

    private final List<Set<String>> requiredRuns;
    /** The program, one step per index; null when not interpretable. */
    private final byte[] kind;
    /**
     * LITERAL: the distinct first chars of the strings, and per first char the strings starting with it in the order
     * they are tried (at one position only those can match, so their order among themselves is all that matters);
     * whether the empty string is one of them (tried last, since it sorts last among a step's strings); and a mask
     * of the first chars (bit c &amp; 63) that rules out most positions with one test.
     */
    private final char[][] firsts;
    private final char[][][][] byFirst;
    private final boolean[] empty;
    private final long[] firstChars;
    /** REPEAT: the char set and the bounds; LOOK: the char set. */
    private final CharSet[] sets;
    private final int[] min;
    private final int[] max;
    /** LOOK: behind or ahead, negative or positive. */
    private final boolean[] behind;
    private final boolean[] negative;
    private final int maxLength;

    private PatternProgram(List<Set<String>> requiredRuns, List<Step> steps) {
        this.requiredRuns = requiredRuns;
        int n = steps == null ? 0 : steps.size();
        kind = steps == null ? null : new byte[n];
        firsts = new char[n][];
        byFirst = new char[n][][][];
        empty = new boolean[n];
        firstChars = new long[n];
        sets = new CharSet[n];
        min = new int[n];
        max = new int[n];
        behind = new boolean[n];
        negative = new boolean[n];
        for (int k = 0; k < n; k++) {
            Step step = steps.get(k);
            kind[k] = step.kind;
            sets[k] = step.set;
            min[k] = step.min;
            max[k] = step.max;
            behind[k] = step.behind;
            negative[k] = step.negative;
            if (step.kind == LITERAL) {
                Map<Character, List<char[]>> groups = new LinkedHashMap<>();
                long mask = 0;
                for (String literal : step.strings) {
                    if (literal.isEmpty()) {
                        empty[k] = true; // always the last one (see addLiteralStep)
                        mask = -1L;
                        continue;
                    }
                    groups.computeIfAbsent(literal.charAt(0), c -> new ArrayList<>()).add(literal.toCharArray());
                    mask |= 1L << literal.charAt(0);
                }
                firsts[k] = new char[groups.size()];
                byFirst[k] = new char[groups.size()][][];
                int g = 0;
                for (var group : groups.entrySet()) {
                    firsts[k][g] = group.getKey();
                    byFirst[k][g++] = group.getValue().toArray(new char[0][]);
                }
                firstChars[k] = mask;
            }
        }
        maxLength = steps == null ? Integer.MAX_VALUE : maxLength(steps);
    }

    private static int maxLength(List<Step> steps) {
        long total = 0;
        for (Step step : steps) {
            if (step.kind == LITERAL) {
                total += step.strings.stream().mapToInt(String::length).max().orElse(0);
            } else if (step.kind == REPEAT) {
                total += (long) step.max * (step.set.dot ? 2 : 1);
            }
            if (total >= Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
        }
        return (int) total;
    }

    /** Null when the expression uses syntax this class does not know (the caller then relies on the regex alone). */
    static PatternProgram parse(String regex) {
        Group whole;
        try {
            Parser parser = new Parser(regex);
            whole = parser.alternation();
            if (parser.i != regex.length()) {
                return null;
            }
        } catch (Unsupported e) {
            return null;
        }
        List<Set<String>> runs = new ArrayList<>();
        List<Item> sequence = whole.alternatives.size() == 1 ? whole.alternatives.get(0) : List.of(whole);
        collectRuns(sequence, runs);
        return new PatternProgram(List.copyOf(runs), compile(sequence));
    }

    List<Set<String>> requiredRuns() {
        return requiredRuns;
    }

    boolean interpretable() {
        return kind != null;
    }

    /**
     * The most chars a match can span (a {@code .} may take a surrogate pair, two chars), or
     * {@code Integer.MAX_VALUE} when unbounded or not interpretable. Every required run of a match tried at
     * {@code begin} then ends by {@code begin + maxLength()}: the classifier tries a trigger only where its runs
     * occur that near.
     */
    int maxLength() {
        return maxLength;
    }

    /**
     * Where a match tried at {@code begin} of {@code text[0, length)} ends, or -1 when there is none; the text before
     * {@code begin} is seen by lookbehinds only. Only when {@link #interpretable()}.
     */
    int matchAt(char[] text, int length, int begin) {
        return match(0, text, length, begin);
    }

    private int match(int step, char[] text, int length, int i) {
        if (step == kind.length) {
            return i;
        }
        switch (kind[step]) {
            case LITERAL: {
                if (i < length) {
                    char c = text[i];
                    char[] first = firsts[step];
                    for (int g = 0; g < first.length; g++) {
                        if (first[g] == c) {
                            for (char[] literal : byFirst[step][g]) {
                                if (startsWith(text, length, i, literal)) {
                                    int end = match(step + 1, text, length, i + literal.length);
                                    if (end >= 0) {
                                        return end;
                                    }
                                }
                            }
                            break;
                        }
                    }
                }
                return empty[step] ? match(step + 1, text, length, i) : -1;
            }
            case REPEAT: {
                CharSet set = sets[step];
                int start = i;
                int count = 0;
                while (count < max[step]) {
                    int j = set.step(text, length, i);
                    if (j < 0) {
                        break;
                    }
                    i = j;
                    count++;
                }
                // what follows is usually literal: a position where none of its strings can start is skipped
                long first = step + 1 < kind.length && kind[step + 1] == LITERAL ? firstChars[step + 1] : -1L;
                while (count >= min[step]) {
                    if (first == -1L || (i < length && (first & 1L << text[i]) != 0)) {
                        int end = match(step + 1, text, length, i);
                        if (end >= 0) {
                            return end;
                        }
                    }
                    if (count == min[step]) {
                        return -1;
                    }
                    // one code point back; the scan started at a char boundary, so a pair is one step as it was forward
                    i -= set.dot && i - 2 >= start && Character.isLowSurrogate(text[i - 1])
                            && Character.isHighSurrogate(text[i - 2]) ? 2 : 1;
                    count--;
                }
                return -1;
            }
            default: {
                boolean found;
                if (behind[step]) {
                    // a lookbehind of one char starts at i - 1 and must end at i
                    found = i > 0 && sets[step].step(text, length, i - 1) == i;
                } else {
                    found = sets[step].step(text, length, i) >= 0;
                }
                return found != negative[step] ? match(step + 1, text, length, i) : -1;
            }
        }
    }

    private static boolean startsWith(char[] text, int length, int i, char[] literal) {
        if (length - i < literal.length) {
            return false;
        }
        for (int k = 0; k < literal.length; k++) {
            if (text[i + k] != literal[k]) {
                return false;
            }
        }
        return true;
    }

    // ---- compiling to steps ----

    /** One step of the program while compiling. */
    private static final class Step {
        byte kind;
        List<String> strings;
        CharSet set;
        int min;
        int max;
        boolean behind;
        boolean negative;
    }

    /** The steps for a sequence, or null when some item is outside the interpretable subset. */
    private static List<Step> compile(List<Item> sequence) {
        List<Step> steps = new ArrayList<>();
        List<String> text = List.of("");
        for (Item item : sequence) {
            List<String> options = item.orderedLiterals();
            if (options != null) {
                List<String> joined = orderedProduct(text, options);
                if (joined.size() > STEP_LIMIT) {
                    if (!addLiteralStep(steps, text)) {
                        return null;
                    }
                    joined = options;
                }
                text = joined;
                continue;
            }
            if (!addLiteralStep(steps, text)) {
                return null;
            }
            text = List.of("");
            Step step = new Step();
            if (item instanceof CharItem c && c.greedy && c.set.interpretable) {
                step.kind = REPEAT;
                step.set = c.set;
                step.min = c.min;
                step.max = c.max;
            } else if (item instanceof Lookaround look && look.single != null && look.single.interpretable) {
                step.kind = LOOK;
                step.set = look.single;
                step.behind = look.behind;
                step.negative = look.negative;
            } else {
                return null;
            }
            steps.add(step);
        }
        return addLiteralStep(steps, text) ? steps : null;
    }

    /**
     * Adds a literal step unless it is only the empty string; false when the empty string is not the last one tried
     * (an empty alternative in the middle, {@code (a||b)}): then the order of the others cannot be regrouped by first
     * char, and the pattern is left to the regex.
     */
    private static boolean addLiteralStep(List<Step> steps, List<String> strings) {
        int empty = strings.indexOf("");
        if (empty >= 0 && empty != strings.size() - 1) {
            return false;
        }
        if (strings.size() > 1 || empty < 0) {
            Step step = new Step();
            step.kind = LITERAL;
            step.strings = strings;
            steps.add(step);
        }
        return true;
    }

    /**
     * Every head followed by every tail, in the order backtracking tries them (heads first, then tails), without
     * repeats: a string tried again after it failed would fail again.
     */
    private static List<String> orderedProduct(List<String> heads, List<String> tails) {
        Set<String> out = new LinkedHashSet<>();
        for (String head : heads) {
            for (String tail : tails) {
                out.add(head + tail);
            }
        }
        return new ArrayList<>(out);
    }

    // ---- literal runs ----

    private static void collectRuns(List<Item> sequence, List<Set<String>> runs) {
        Set<String> run = new LinkedHashSet<>(Set.of(""));
        for (Item item : sequence) {
            Literals options = item.literals();
            if (options == null) {
                addRun(run, runs);
                run = new LinkedHashSet<>(Set.of(""));
                continue;
            }
            Set<String> extended = product(run, options.strings());
            if (extended == null) {
                addRun(run, runs);
                run = new LinkedHashSet<>(options.strings());
            } else {
                run = extended;
            }
            if (!options.complete()) {
                addRun(run, runs);
                run = new LinkedHashSet<>(Set.of(""));
            }
        }
        addRun(run, runs);
    }

    /** Every head followed by every tail; null beyond {@link #RUN_LIMIT}. */
    private static Set<String> product(Set<String> heads, Set<String> tails) {
        if ((long) heads.size() * tails.size() > RUN_LIMIT) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String head : heads) {
            for (String tail : tails) {
                out.add(head + tail);
            }
        }
        return out;
    }

    /**
     * What an item's matches start with: every match starts with one of {@code strings}; when {@code complete},
     * every match is one of them, so what follows the item may extend them.
     */
    private record Literals(Set<String> strings, boolean complete) {
    }

    private static void addRun(Set<String> run, List<Set<String>> runs) {
        if (!run.contains("")) {
            runs.add(Set.copyOf(run));
        }
    }

    // ---- syntax tree ----

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** A parsed element with its quantifier. */
    private abstract static class Item {
        int min = 1;
        int max = 1;
        /** Whether the quantifier, if any, is greedy (not lazy or possessive). */
        boolean greedy = true;
        /** Whether a quantifier other than {@code ?} was written. */
        boolean counted;

        /** The literal text the item's matches start with; null when they need not start with any. */
        abstract Literals literals();

        /**
         * Every string the item can match, in the order the regex tries them, when it only matches literal text and
         * its quantifier is none or a greedy {@code ?}; null otherwise.
         */
        abstract List<String> orderedLiterals();
    }

    /** One char from a set: a literal, {@code .}, {@code \d}, {@code \s}, {@code \w} or a class. */
    private static final class CharItem extends Item {
        final CharSet set;
        /** A literal char: the only kind a literal run can hold. */
        final char literal;

        CharItem(CharSet set, char literal) {
            this.set = set;
            this.literal = literal;
        }

        @Override
        Literals literals() {
            if (literal == 0 || !(max == 1 && (min == 1 || min == 0))) {
                return null;
            }
            return new Literals(min == 1 ? Set.of(String.valueOf(literal)) : Set.of(String.valueOf(literal), ""), true);
        }

        @Override
        List<String> orderedLiterals() {
            if (literal == 0 || !greedy || counted) {
                return null;
            }
            return min == 1 ? List.of(String.valueOf(literal)) : List.of(String.valueOf(literal), "");
        }
    }

    /** A group of alternatives (the whole expression is one too). */
    private static final class Group extends Item {
        final List<List<Item>> alternatives;

        Group(List<List<Item>> alternatives) {
            this.alternatives = alternatives;
        }

        @Override
        Literals literals() {
            if (!(max == 1 && (min == 1 || min == 0))) {
                return null;
            }
            Set<String> all = new LinkedHashSet<>();
            boolean complete = true;
            for (List<Item> alternative : alternatives) {
                Set<String> strings = new LinkedHashSet<>(Set.of(""));
                for (Item item : alternative) {
                    Literals options = item.literals();
                    Set<String> extended = options == null ? null : product(strings, options.strings());
                    if (extended == null) {
                        complete = false;
                        break;
                    }
                    strings = extended;
                    if (!options.complete()) {
                        complete = false;
                        break;
                    }
                }
                all.addAll(strings);
            }
            if (min == 0) {
                all.add("");
            }
            // an alternative with no literal start, or an incomplete optional group, says nothing
            if (all.size() > RUN_LIMIT || (!complete && all.contains(""))) {
                return null;
            }
            return new Literals(all, complete);
        }

        @Override
        List<String> orderedLiterals() {
            if (!greedy || counted) {
                return null;
            }
            Set<String> all = new LinkedHashSet<>();
            for (List<Item> alternative : alternatives) {
                List<String> strings = List.of("");
                for (Item item : alternative) {
                    List<String> options = item.orderedLiterals();
                    if (options == null) {
                        return null;
                    }
                    strings = orderedProduct(strings, options);
                    if (strings.size() > GROUP_LIMIT) {
                        return null;
                    }
                }
                all.addAll(strings);
            }
            if (min == 0) {
                all.add(""); // greedy ?: with the group first, then without
            }
            return all.size() > GROUP_LIMIT ? null : new ArrayList<>(all);
        }
    }

    /** {@code (?=x)}, {@code (?!x)}, {@code (?<=x)}, {@code (?<!x)}; {@code single} is x when it is one char item. */
    private static final class Lookaround extends Item {
        final boolean behind;
        final boolean negative;
        final CharSet single;

        Lookaround(boolean behind, boolean negative, CharSet single) {
            this.behind = behind;
            this.negative = negative;
            this.single = single;
        }

        @Override
        Literals literals() {
            return null;
        }

        @Override
        List<String> orderedLiterals() {
            return null;
        }
    }

    /** Zero-width or otherwise known syntax that is left to the regex ({@code \b}, {@code ^}, {@code $}, ...). */
    private static final class Opaque extends Item {
        @Override
        Literals literals() {
            return null;
        }

        @Override
        List<String> orderedLiterals() {
            return null;
        }
    }

    // ---- char sets ----

    /** Which chars one char item matches. Only {@code .} consumes a surrogate pair as one. */
    private static final class CharSet {
        static final CharSet DOT = new CharSet(null, true, true);
        static final CharSet DIGIT = new CharSet(new char[] {'0', '9'}, false, true);
        static final CharSet SPACE = new CharSet(new char[] {' ', ' ', '\t', '\r'}, false, true);
        static final CharSet WORD = new CharSet(new char[] {'a', 'z', 'A', 'Z', '_', '_', '0', '9'}, false, true);
        static final CharSet OPAQUE = new CharSet(null, false, false);

        /** Inclusive ranges of BMP chars, none a surrogate; null for {@code .}. */
        final char[] ranges;
        final boolean dot;
        final boolean interpretable;

        CharSet(char[] ranges, boolean dot, boolean interpretable) {
            this.ranges = ranges;
            this.dot = dot;
            this.interpretable = interpretable;
        }

        static CharSet of(char c) {
            return new CharSet(new char[] {c, c}, false, true);
        }

        /** For all but {@code .}: the char at a position matches (a surrogate never does). */
        boolean contains(char c) {
            for (int r = 0; r < ranges.length; r += 2) {
                if (c >= ranges[r] && c <= ranges[r + 1]) {
                    return true;
                }
            }
            return false;
        }

        /** The end of the one char (code point for {@code .}) this set matches at {@code i}, or -1. */
        int step(char[] text, int length, int i) {
            if (i >= length) {
                return -1;
            }
            char c = text[i];
            if (!dot) {
                return contains(c) ? i + 1 : -1;
            }
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return -1;
            }
            return Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text[i + 1])
                    ? i + 2 : i + 1;
        }
    }

    // ---- parser ----

    /**
     * Recursive descent over the regex syntax; throws {@link Unsupported} for anything whose meaning for the literal
     * runs is not certain.
     */
    private static final class Parser {
        private final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        Group alternation() {
            List<List<Item>> alternatives = new ArrayList<>();
            alternatives.add(sequence());
            while (i < s.length() && s.charAt(i) == '|') {
                i++;
                alternatives.add(sequence());
            }
            return new Group(alternatives);
        }

        private List<Item> sequence() {
            List<Item> items = new ArrayList<>();
            while (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') {
                Item item = atom();
                quantifier(item);
                items.add(item);
            }
            return items;
        }

        private Item atom() {
            char c = s.charAt(i);
            switch (c) {
                case '(':
                    return group();
                case '[':
                    return new CharItem(charClass(), (char) 0);
                case '.':
                    i++;
                    return new CharItem(CharSet.DOT, (char) 0);
                case '\\':
                    return escape();
                case '^':
                case '$':
                    i++;
                    return new Opaque();
                case '*':
                case '+':
                case '?':
                case '{':
                case ']':
                case '}':
                    throw new Unsupported();
                default:
                    i++;
                    return literal(c);
            }
        }

        private static Item literal(char c) {
            if (Character.isSurrogate(c)) {
                throw new Unsupported();
            }
            return new CharItem(CharSet.of(c), c);
        }

        private Item group() {
            i++;
            Item item;
            if (s.startsWith("?:", i)) {
                i += 2;
                item = alternation();
            } else if (s.startsWith("?=", i) || s.startsWith("?!", i) || s.startsWith("?<=", i)
                    || s.startsWith("?<!", i)) {
                boolean behind = s.charAt(i + 1) == '<';
                boolean negative = s.charAt(behind ? i + 2 : i + 1) == '!';
                i += behind ? 3 : 2;
                Group content = alternation();
                item = new Lookaround(behind, negative, singleChar(content));
            } else if (i < s.length() && s.charAt(i) == '?') {
                throw new Unsupported(); // flags, named groups, atomic groups
            } else {
                item = alternation();
            }
            if (i >= s.length() || s.charAt(i) != ')') {
                throw new Unsupported();
            }
            i++;
            return item;
        }

        /** The char set of a lookaround that holds exactly one unquantified char item, else null. */
        private static CharSet singleChar(Group content) {
            if (content.alternatives.size() != 1 || content.alternatives.get(0).size() != 1) {
                return null;
            }
            Item only = content.alternatives.get(0).get(0);
            return only instanceof CharItem ci && ci.min == 1 && ci.max == 1 && !ci.set.dot ? ci.set : null;
        }

        private Item escape() {
            if (i + 1 >= s.length()) {
                throw new Unsupported();
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'd':
                    return new CharItem(CharSet.DIGIT, (char) 0);
                case 's':
                    return new CharItem(CharSet.SPACE, (char) 0);
                case 'w':
                    return new CharItem(CharSet.WORD, (char) 0);
                case 'D':
                case 'S':
                case 'W':
                    return new CharItem(CharSet.OPAQUE, (char) 0);
                case 'b':
                case 'B':
                    return new Opaque();
                default:
                    if (Character.isLetterOrDigit(e) || e >= 0x80) {
                        throw new Unsupported(); // tabs and newlines by name, code points by number, \\p{..}, \\Q, back references
                    }
                    return literal(e);
            }
        }

        /** A class of literal chars and ranges; negated or nested ones are known but left to the regex. */
        private CharSet charClass() {
            i++;
            boolean negated = i < s.length() && s.charAt(i) == '^';
            if (negated) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == ']') {
                throw new Unsupported();
            }
            List<Character> ranges = new ArrayList<>();
            while (i < s.length() && s.charAt(i) != ']') {
                char c = classChar();
                char to = c;
                if (i + 1 < s.length() && s.charAt(i) == '-' && s.charAt(i + 1) != ']') {
                    i++;
                    to = classChar();
                    if (to < c) {
                        throw new Unsupported();
                    }
                }
                if (Character.isSurrogate(c) || Character.isSurrogate(to)
                        || (c < Character.MIN_SURROGATE && to > Character.MAX_SURROGATE)) {
                    throw new Unsupported();
                }
                ranges.add(c);
                ranges.add(to);
            }
            if (i >= s.length()) {
                throw new Unsupported();
            }
            i++;
            if (negated) {
                return CharSet.OPAQUE;
            }
            char[] r = new char[ranges.size()];
            for (int k = 0; k < r.length; k++) {
                r[k] = ranges.get(k);
            }
            return new CharSet(r, false, true);
        }

        private char classChar() {
            char c = s.charAt(i);
            if (c == '[' || c == '&') {
                throw new Unsupported(); // nested classes, intersections
            }
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    throw new Unsupported();
                }
                char e = s.charAt(i + 1);
                if (Character.isLetterOrDigit(e) || e >= 0x80) {
                    throw new Unsupported();
                }
                i += 2;
                return e;
            }
            i++;
            return c;
        }

        private void quantifier(Item item) {
            if (i >= s.length()) {
                return;
            }
            char c = s.charAt(i);
            if (c == '?') {
                item.min = 0;
                item.max = 1;
                i++;
            } else if (c == '*') {
                item.counted = true;
                item.min = 0;
                item.max = Integer.MAX_VALUE;
                i++;
            } else if (c == '+') {
                item.counted = true;
                item.min = 1;
                item.max = Integer.MAX_VALUE;
                i++;
            } else if (c == '{') {
                item.counted = true;
                int close = s.indexOf('}', i);
                if (close < 0) {
                    throw new Unsupported();
                }
                String body = s.substring(i + 1, close);
                int comma = body.indexOf(',');
                try {
                    item.min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
                    item.max = comma < 0 ? item.min
                            : comma == body.length() - 1 ? Integer.MAX_VALUE : Integer.parseInt(body.substring(comma + 1));
                } catch (NumberFormatException e) {
                    throw new Unsupported();
                }
                if (item.min < 0 || item.max < item.min) {
                    throw new Unsupported();
                }
                i = close + 1;
            } else {
                return;
            }
            if (item instanceof Lookaround || item instanceof Opaque) {
                throw new Unsupported();
            }
            if (i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '+')) {
                item.greedy = false;
                i++;
            }
            if (i < s.length() && "?*+{".indexOf(s.charAt(i)) >= 0) {
                throw new Unsupported();
            }
        }
    }
}
