package org.inboundrouter.classify;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds literal prefixes that every match of a regular expression starts with: {@code (提现|取现).{0,8}失败} starts
 * with 提现 or 取现. The classifier adds them to its automaton as triggers and runs the expression only where one
 * is found, anchored there, instead of searching every message from every position: the difference between a
 * taxonomy with patterns costing a few percent and costing thirty times more.
 * <p>
 * Deliberately small: a leading {@code \b}, {@code ^} or lookbehind is skipped; then either a run of literal
 * characters or a group of alternatives that each start with one. Anything else (a class, {@code .}, an optional
 * first atom) means "no prefix known", and the pattern is searched the slow way.
 */
final class RegexPrefixes {

    private static final String META = "\\[](){}.*+?^$|";

    private RegexPrefixes() {
    }

    /** The prefixes, folded like the text; null when none can be derived. */
    static Set<String> of(String regex) {
        Parser p = new Parser(regex);
        p.skipZeroWidth();
        Set<String> prefixes = p.atomPrefixes();
        if (prefixes == null || prefixes.isEmpty() || prefixes.contains("")) {
            return null;
        }
        Set<String> folded = new LinkedHashSet<>();
        for (String prefix : prefixes) {
            folded.add(TextNormalizer.normalize(prefix));
        }
        return folded.contains("") ? null : folded;
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

        /** Prefixes of the atom at i: a literal run, or a group's alternatives; null when unknown. */
        Set<String> atomPrefixes() {
            if (i >= s.length()) {
                return null;
            }
            if (s.charAt(i) == '(') {
                int end = closing(i);
                if (end < 0 || optional(end + 1)) {
                    return null;
                }
                int start = s.startsWith("(?:", i) ? i + 3 : (s.startsWith("(?", i) ? -1 : i + 1);
                if (start < 0) {
                    return null;
                }
                Set<String> union = new LinkedHashSet<>();
                for (String alternative : splitTopLevel(s.substring(start, end))) {
                    Parser inner = new Parser(alternative);
                    inner.skipZeroWidth();
                    Set<String> p = inner.atomPrefixes();
                    if (p == null) {
                        return null;
                    }
                    union.addAll(p);
                }
                return union;
            }
            StringBuilder literal = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i);
                char lit;
                int width;
                if (c == '\\' && i + 1 < s.length() && !Character.isLetterOrDigit(s.charAt(i + 1))) {
                    lit = s.charAt(i + 1);
                    width = 2;
                } else if (META.indexOf(c) < 0) {
                    lit = c;
                    width = 1;
                } else {
                    break;
                }
                if (optional(i + width)) {
                    break;
                }
                literal.append(lit);
                i += width;
            }
            return literal.length() == 0 ? null : Set.of(literal.toString());
        }

        private boolean optional(int at) {
            return at < s.length() && (s.charAt(at) == '?' || s.charAt(at) == '*' || s.startsWith("{0", at));
        }

        private int closing(int open) {
            int depth = 0;
            boolean inClass = false;
            for (int j = open; j < s.length(); j++) {
                char c = s.charAt(j);
                if (c == '\\') {
                    j++;
                } else if (inClass) {
                    inClass = c != ']';
                } else if (c == '[') {
                    inClass = true;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return j;
                }
            }
            return -1;
        }

        private static java.util.List<String> splitTopLevel(String body) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            int depth = 0;
            int from = 0;
            boolean inClass = false;
            for (int j = 0; j < body.length(); j++) {
                char c = body.charAt(j);
                if (c == '\\') {
                    j++;
                } else if (inClass) {
                    inClass = c != ']';
                } else if (c == '[') {
                    inClass = true;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '|' && depth == 0) {
                    parts.add(body.substring(from, j));
                    from = j + 1;
                }
            }
            parts.add(body.substring(from));
            return parts;
        }
    }
}
