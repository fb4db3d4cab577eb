package org.inboundrouter.text;

import org.inboundrouter.model.Language;

/**
 * Tells Chinese from English text by counting Han characters against ASCII letters. That is all the router needs:
 * its customers write one, the other, or both.
 */
public final class LanguageDetector {

    /* A Han character carries about a word; an English word is about five letters. */
    private static final int LETTERS_PER_WORD = 5;
    /* Below this many words a language is incidental (an order number's letters, a brand name, "Re:"). */
    private static final int MIN_WORDS = 3;
    /* Each language must carry at least this share of the words for the text to be mixed. */
    private static final double MIXED_SHARE = 0.25;

    private LanguageDetector() {
    }

    public static Language detect(CharSequence text) {
        if (text == null) {
            return Language.UNKNOWN;
        }
        int han = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (cp < 0x80) {
                if (cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z') {
                    letters++;
                }
            } else if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
            }
            i += Character.charCount(cp);
        }
        if (han == 0) {
            return letters >= 2 ? Language.EN : Language.UNKNOWN;
        }
        if (letters == 0) {
            return Language.ZH;
        }
        double zhWords = han;
        double enWords = (double) letters / LETTERS_PER_WORD;
        double total = zhWords + enWords;
        if (zhWords >= MIN_WORDS && enWords >= MIN_WORDS
                && zhWords / total >= MIXED_SHARE && enWords / total >= MIXED_SHARE) {
            return Language.MIXED;
        }
        return zhWords >= enWords ? Language.ZH : Language.EN;
    }
}
