package org.inboundrouter.classify;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * FROZEN: a verbatim copy of {@code RegexPrefixes} as {@link OriginalKeywordClassifier} used it (see there); do not
 * edit.
 * <p>
 * Finds literal prefixes that every match of a regular expression starts with: {@code (提现|取现).{0,8}失败} starts
 * with 提现 or 取现. The classifier adds them to its automaton as triggers and runs the expression only where one
 * is found, anchored there, instead of searching every message from every position: the difference between a
 * taxonomy with patterns costing a few percent and costing thirty times more.
 * <p>
 * Deliberately small: a leading {@code \b}, {@code ^} or lookbehind is skipped; then literal characters and groups
 * of alternatives are multiplied out ({@code 我(根本|都)?没} gives 我根本没, 我都没, 我没) until the first class,
 * {@code .}, repetition or lookahead, or until there would be too many. A pattern whose matches need not start with
 * any literal ({@code .{0,2}退}, {@code [提取]现}) is searched the slow way.
 */
final class OriginalRegexPrefixes {

    private static final String META = "\\[](){}.*+?^$|";

    private OriginalRegexPrefixes() {
    }

    /** At most this many prefixes per pattern: beyond it the prefixes stop growing (they stay correct, only shorter). */
    private static final int LIMIT = 64;

    /** The prefixes, folded like the text; null when none can be derived. */
    static Set<String> of(String regex) {
        Parser p = new Parser(regex);
        p.skipZeroWidth();
        Sequence sequence = p.sequence();
        if (sequence == null || sequence.prefixes().contains("")) {
            return null;
        }
        Set<String> folded = new LinkedHashSet<>();
        for (String prefix : sequence.prefixes()) {
            folded.add(TextNormalizer.normalize(prefix));
        }
        return folded.contains("") ? null : folded;
    }

    /**
     * @param prefixes every match of the sequence starts with one of these
     * @param complete whether the prefixes are the whole sequence (so what follows it may extend them)
     */
    private record Sequence(Set<String> prefixes, boolean complete) {
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        void skipZeroWidth() {
            while (i < s.length()) {
                if (s.startsWith("\\b", i)) {
                    i += 2;
                } else if (s.charAt(i) == '^') {
                    i++;
                } else if (s.startsWith("(?<!", i) || s.startsWith("(?<=", i)) {
                    int end = closing(i);
                    if (end < 0) {
                        return;
                    }
                    i = end + 1;
                } else {
                    return;
                }
            }
        }

        /**
         * The prefixes of the sequence from i to the end of the current alternative: literal characters and groups of
         * alternatives, multiplied out, an optional one ({@code ?}, {@code *}, {@code {0,n}}) both with and without
         * itself, until something that is not literal, or until there would be more than {@link #LIMIT}.
         */
        Sequence sequence() {
            Set<String> acc = new LinkedHashSet<>(Set.of(""));
            while (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') {
                if (s.startsWith("\\b", i)) {
                    i += 2;
                    continue;
                }
                Set<String> atom;
                boolean atomComplete;
                int next;
                char c = s.charAt(i);
                if (c == '(') {
                    int end = closing(i);
                    int start = s.startsWith("(?:", i) ? i + 3 : (s.startsWith("(?", i) ? -1 : i + 1);
                    if (end < 0 || start < 0) {
                        return new Sequence(acc, false);
                    }
                    atom = new LinkedHashSet<>();
                    atomComplete = true;
                    for (String alternative : splitTopLevel(s.substring(start, end))) {
                        Parser inner = new Parser(alternative);
                        Sequence seq = inner.sequence();
                        if (seq == null) {
                            return new Sequence(acc, false);
                        }
                        atom.addAll(seq.prefixes());
                        atomComplete &= seq.complete();
                    }
                    next = end + 1;
                } else if (c == '\\' && i + 1 < s.length() && !Character.isLetterOrDigit(s.charAt(i + 1))) {
                    atom = Set.of(String.valueOf(s.charAt(i + 1)));
                    atomComplete = true;
                    next = i + 2;
                } else if (META.indexOf(c) < 0) {
                    atom = Set.of(String.valueOf(c));
                    atomComplete = true;
                    next = i + 1;
                } else {
                    return new Sequence(acc, false);
                }
                // x? is x or nothing and the sequence goes on; x*, x{..} and x+ end what is certain after them
                boolean once = next < s.length() && s.charAt(next) == '?';
                boolean repeats = next < s.length() && "*+{".indexOf(s.charAt(next)) >= 0;
                boolean mayBeAbsent = once || optional(next);
                Set<String> extended = new LinkedHashSet<>();
                for (String head : acc) {
                    for (String tail : atom) {
                        extended.add(head + tail);
                    }
                }
                if (mayBeAbsent) {
                    extended.addAll(acc);
                }
                if (extended.size() > LIMIT) {
                    return new Sequence(acc, false);
                }
                acc = extended;
                if (repeats || !atomComplete) {
                    return new Sequence(acc, false);
                }
                if (once) {
                    next++;
                    if (next < s.length() && (s.charAt(next) == '?' || s.charAt(next) == '+')) {
                        next++;
                    }
                }
                i = next;
            }
            return new Sequence(acc, true);
        }

        private boolean optional(int at) {
            return at < s.length() && (s.charAt(at) == '?' || s.charAt(at) == '*' || s.startsWith("{0", at));
        }

        /** The ')' that closes the '(' at {@code open}, or -1. */
        private int closing(int open) {
            return nextAtTopLevel(s, open + 1, ')');
        }

        private static java.util.List<String> splitTopLevel(String body) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            int from = 0;
            for (int bar = nextAtTopLevel(body, 0, '|'); bar >= 0; bar = nextAtTopLevel(body, from, '|')) {
                parts.add(body.substring(from, bar));
                from = bar + 1;
            }
            parts.add(body.substring(from));
            return parts;
        }

        /**
         * The index of the next {@code target} ('|' or ')') from {@code from} that is not escaped, not in a character
         * class and not inside a nested group; -1 when there is none.
         */
        private static int nextAtTopLevel(String text, int from, char target) {
            int depth = 0;
            boolean inClass = false;
            for (int j = from; j < text.length(); j++) {
                char c = text.charAt(j);
                if (c == '\\') {
                    j++;
                } else if (inClass) {
                    inClass = c != ']';
                } else if (c == '[') {
                    inClass = true;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && depth > 0) {
                    depth--;
                } else if (c == target && depth == 0) {
                    return j;
                }
            }
            return -1;
        }
    }
}
