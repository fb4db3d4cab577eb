package org.inboundrouter.classify.entity;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern with the chars its matches can start with, found like {@link Matcher#find()} but tried only at those
 * chars. find() tries the whole pattern at every position of the text, and for a pattern that opens with a
 * lookbehind or a list of alternatives each try costs dozens of steps: measured on a 1,500-char mail, the extractor
 * spent 2.9 ms, most of it at positions where nothing could match. (A lookahead of those chars inside the pattern
 * helped less: java.util.regex tests a class of many CJK chars one char at a time.)
 * <p>
 * The start chars must include every char any match can start with; with CASE_INSENSITIVE a letter stands for both
 * its cases. {@code GuardedPatternTest} checks each guarded pattern against {@code find()} on its unguarded form.
 */
final class GuardedPattern {

    private final Pattern pattern;
    private final BitSet starts = new BitSet(Character.MAX_VALUE + 1);

    /**
     * @param startChars the chars a match can start with; {@code a-z} is a range
     * @param regex a pattern that cannot match the empty string
     */
    GuardedPattern(String startChars, String regex, int flags) {
        this.pattern = Pattern.compile(regex, flags);
        boolean ignoreCase = (flags & Pattern.CASE_INSENSITIVE) != 0;
        for (int i = 0; i < startChars.length(); i++) {
            char from = startChars.charAt(i);
            char to = from;
            if (i + 2 < startChars.length() && startChars.charAt(i + 1) == '-') {
                to = startChars.charAt(i + 2);
                i += 2;
            }
            for (char c = from; c <= to; c++) {
                starts.set(c);
                if (ignoreCase && c < 128) {
                    starts.set(Character.toLowerCase(c));
                    starts.set(Character.toUpperCase(c));
                }
            }
        }
    }

    GuardedPattern(String startChars, String regex) {
        this(startChars, regex, 0);
    }

    Pattern pattern() {
        return pattern;
    }

    Scan scan(String text) {
        return new Scan(text);
    }

    /** The matches in one text, in the order and with the spans {@link Matcher#find()} gives them. */
    final class Scan {

        private final String text;
        private final Matcher matcher;
        private int from;

        private Scan(String text) {
            this.text = text;
            this.matcher = pattern.matcher(text);
            // lookbehinds see the text before a try, and ^ and $ mean the text's ends, as with find()
            matcher.useTransparentBounds(true);
            matcher.useAnchoringBounds(false);
        }

        /** Moves to the next match; false when there is none. */
        boolean find() {
            int n = text.length();
            for (int i = from; i < n; i++) {
                if (starts.get(text.charAt(i))) {
                    matcher.region(i, n);
                    if (matcher.lookingAt()) {
                        from = Math.max(matcher.end(), i + 1);
                        return true;
                    }
                }
            }
            from = n;
            return false;
        }

        /** The match found last (groups, start, end). */
        Matcher matcher() {
            return matcher;
        }
    }
}
