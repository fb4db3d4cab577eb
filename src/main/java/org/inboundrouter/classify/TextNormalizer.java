package org.inboundrouter.classify;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

import java.text.Normalizer;
import java.util.List;

/**
 * Folds text into the form keywords are matched in: NFKC (full-width Ａ１２ to A12), lower case, traditional Chinese
 * to simplified (帳戶 to 账户, from opencc4j's character data), every kind of white space to one space.
 * <p>
 * All of it is precomputed into one table of 65,536 chars, so folding costs one array lookup per char: the
 * classifier runs on every message and must stay near the cost of reading the text once. Only characters that fold
 * one-to-one are folded; the few whose NFKC form is several chars (㎏, ①) are kept as they are, which keeps every
 * position in the folded text equal to the position in the original.
 */
public final class TextNormalizer {

    private static final char[] FOLD = buildTable();

    private TextNormalizer() {
    }

    private static char[] buildTable() {
        char[] table = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            if (Character.isSurrogate(ch)) {
                table[c] = ch;
                continue;
            }
            String nfkc = Normalizer.normalize(String.valueOf(ch), Normalizer.Form.NFKC);
            char folded = nfkc.length() == 1 ? nfkc.charAt(0) : ch;
            folded = Character.toLowerCase(folded);
            if (Character.isWhitespace(folded) || Character.isSpaceChar(folded)) {
                folded = ' ';
            }
            table[c] = folded;
        }
        for (int c = 0x3400; c <= 0x9FFF; c++) {
            table[c] = simplified((char) c);
        }
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (table[c] == '帐') {
                table[c] = '账';
            }
        }
        // Simplified variants that users write interchangeably: 帐户 and 账户 must match the same keyword.
        table['帐'] = '账';
        for (int c = 0xF900; c <= 0xFAFF; c++) {
            char nfkc = table[c];
            table[c] = nfkc >= 0x3400 && nfkc <= 0x9FFF ? table[nfkc] : nfkc;
        }
        return table;
    }

    private static char simplified(char c) {
        if (!ZhConverterUtil.isTraditional(c)) {
            return c;
        }
        List<String> candidates = ZhConverterUtil.toSimple(c);
        if (candidates == null || candidates.isEmpty()) {
            return c;
        }
        String first = candidates.get(0);
        return first.length() == 1 ? first.charAt(0) : c;
    }

    /** The folded form of one char. */
    public static char fold(char c) {
        return FOLD[c];
    }

    /**
     * Folds {@code text}; runs of white space become one space, so the result can be shorter. {@code origin}, when
     * not null and at least as long as the text, receives for each folded char the index of its source char.
     */
    public static String normalize(CharSequence text, int[] origin) {
        int n = text.length();
        char[] out = new char[n];
        int len = 0;
        boolean lastSpace = true;
        for (int i = 0; i < n; i++) {
            char f = FOLD[text.charAt(i)];
            if (f == ' ') {
                if (lastSpace) {
                    continue;
                }
                lastSpace = true;
            } else {
                lastSpace = false;
            }
            if (origin != null) {
                origin[len] = i;
            }
            out[len++] = f;
        }
        if (len > 0 && out[len - 1] == ' ') {
            len--;
        }
        return new String(out, 0, len);
    }

    public static String normalize(CharSequence text) {
        return normalize(text, null);
    }
}
