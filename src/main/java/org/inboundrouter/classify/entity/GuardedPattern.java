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
 * its cases. A pattern may also name anchor chars, of which every match contains at least one (前 or g in 3天前 and
 * 3 days ago): a text without one is not tried at all, and no try starts after the last one. Most messages name no
 * time and no date, and these patterns' start chars (digits, 一二三) are common, so this skips most of their work.
 * {@code GuardedPatternTest} checks each guarded pattern against {@code find()} on its unguarded form.
 */
final class GuardedPattern {

    private final Pattern pattern;
    private final BitSet starts;
    private final BitSet anchors;

    /**
     * @param startChars the chars a match can start with; {@code a-z} is a range
     * @param anchorChars chars of which every match contains one, or null when there are none to name
     * @param regex a pattern that cannot match the empty string
     */
    GuardedPattern(String startChars, String anchorChars, String regex, int flags) {
        this.pattern = Pattern.compile(regex, flags);
        boolean ignoreCase = (flags & Pattern.CASE_INSENSITIVE) != 0;
        this.starts = chars(startChars, ignoreCase);
        this.anchors = anchorChars == null ? null : chars(anchorChars, ignoreCase);
    }

    GuardedPattern(String startChars, String regex, int flags) {
        this(startChars, null, regex, flags);
    }

    GuardedPattern(String startChars, String regex) {
        this(startChars, null, regex, 0);
    }

    /** The chars of a list such as {@code 上l0-9}; with ignoreCase an ASCII letter stands for both cases. */
    private static BitSet chars(String list, boolean ignoreCase) {
        BitSet set = new BitSet(Character.MAX_VALUE + 1);
        for (int i = 0; i < list.length(); i++) {
            char from = list.charAt(i);
            char to = from;
            if (i + 2 < list.length() && list.charAt(i + 1) == '-') {
                to = list.charAt(i + 2);
                i += 2;
            }
            for (char c = from; c <= to; c++) {
                set.set(c);
                if (ignoreCase && c < 128) {
                    set.set(Character.toLowerCase(c));
                    set.set(Character.toUpperCase(c));
                }
            }
        }
        return set;
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
        private Matcher matcher; // made at the first try: most texts give a pattern none
        /* no match starts at or after this: past the last anchor char */
        private final int limit;
        private int from;

        private Scan(String text) {
            this.text = text;
            this.limit = anchors == null ? text.length() : lastAnchor(text) + 1;
        }

        /** Moves to the next match; false when there is none. */
        boolean find() {
            int n = text.length();
            for (int i = from; i < limit; i++) {
                if (starts.get(text.charAt(i))) {
                    if (matcher == null) {
                        matcher = pattern.matcher(text);
                        // lookbehinds see the text before a try, and ^ and $ mean the text's ends, as with find()
                        matcher.useTransparentBounds(true);
                        matcher.useAnchoringBounds(false);
                    }
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

        private int lastAnchor(String text) {
            for (int i = text.length() - 1; i >= 0; i--) {
                if (anchors.get(text.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }

        /** The match found last (groups, start, end). */
        Matcher matcher() {
            return matcher;
        }
    }
}
