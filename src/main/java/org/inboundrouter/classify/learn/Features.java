package org.inboundrouter.classify.learn;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.common.Term;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The candidate terms of a folded text, as the classifier would match them: Chinese words and two-word phrases (the
 * text segmented by HanLP; a proposed term must read as a word to ops, not as a run of characters that happens to
 * fit the data, like 易没 from 交易没), English words and two-word phrases (Latin terms match only at word
 * boundaries, so a phrase is two words with one space between them). Chinese terms match as substrings at run time.
 */
final class Features {

    /** The longest Chinese phrase proposed, in characters. */
    static final int MAX_HAN = 6;

    private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9']*");
    /** Words that say nothing about a problem on their own; phrases that contain them are still candidates. */
    private static final Set<String> STOP = Set.of("a", "an", "the", "i", "my", "me", "is", "it", "to", "of", "and",
            "or", "in", "on", "for", "do", "be", "was", "am", "are", "this", "that", "you", "can", "have", "has", "with",
            "what", "how", "why", "there", "if", "at", "so", "as", "but", "from", "will", "would", "could", "should",
            "just", "please", "get", "your", "we", "they", "its", "it's", "im", "i'm");

    private Features() {
    }

    static boolean han(char c) {
        return (c >= '\u4e00' && c <= '\u9fff') || (c >= '\u3400' && c <= '\u4dbf');
    }

    /** Every candidate term of the folded text, once. */
    static Set<String> of(String folded) {
        Set<String> out = new LinkedHashSet<>();
        String before = null;
        for (Term t : HanLP.segment(folded)) {
            String word = t.word;
            boolean chinese = !word.isEmpty() && word.chars().allMatch(c -> han((char) c));
            if (chinese && word.length() >= 2 && word.length() <= MAX_HAN) {
                out.add(word);
            }
            if (chinese && before != null && before.length() + word.length() <= MAX_HAN) {
                out.add(before + word);
            }
            before = chinese ? word : null;
        }
        Matcher m = WORD.matcher(folded);
        String previous = null;
        int previousEnd = -2;
        while (m.find()) {
            String word = m.group();
            if (word.length() >= 2 && !STOP.contains(word) && !word.chars().allMatch(Character::isDigit)) {
                out.add(word);
            }
            if (previous != null && m.start() == previousEnd + 1 && folded.charAt(previousEnd) == ' '
                    && !(STOP.contains(previous) && STOP.contains(word))) {
                out.add(previous + " " + word);
            }
            previous = word;
            previousEnd = m.end();
        }
        return out;
    }

    /** A term that is an English word or phrase (it matches at word boundaries only). */
    static boolean latin(String term) {
        return !han(term.charAt(0));
    }
}
