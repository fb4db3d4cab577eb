package org.inboundrouter.classify.entity;

import java.text.Normalizer;

/**
 * A message's text after NFKC normalization, with a map back to the original. The finders match on the normalized
 * form, where full-width digits and letters (１３８, ＴＸ), the full-width yen sign (￥), colon (：) and at sign (＠)
 * have become their ASCII forms, so that one pattern covers both; but every position the extractor reports is an
 * offset into the text the caller passed in.
 *
 * <p>Each code point is normalized on its own, so every normalized char comes from exactly one original code point.
 * Most map 1:1; a few expand (㎏ becomes "kg", ½ becomes "1⁄2"): every char of an expansion maps back to the whole
 * original code point, so a match that covers part of an expansion still reports the whole original character.
 */
final class NormalizedText {

    private final String original;
    private final String text;
    /* For normalized char i: the original offset where its source code point starts, and where it ends. */
    private final int[] originalStart;
    private final int[] originalEnd;

    private NormalizedText(String original, String text, int[] originalStart, int[] originalEnd) {
        this.original = original;
        this.text = text;
        this.originalStart = originalStart;
        this.originalEnd = originalEnd;
    }

    static NormalizedText of(String original) {
        StringBuilder out = new StringBuilder(original.length());
        int[] starts = new int[original.length() + 8];
        int[] ends = new int[original.length() + 8];
        for (int i = 0; i < original.length(); ) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            String piece = cp < 0x80 ? null : Normalizer.normalize(original.substring(i, next), Normalizer.Form.NFKC);
            int from = out.length();
            if (piece == null) {
                out.append((char) cp); // ASCII is already NFKC
            } else {
                out.append(piece);
            }
            int added = out.length() - from;
            if (out.length() > starts.length) {
                int size = Math.max(out.length(), starts.length * 2);
                starts = java.util.Arrays.copyOf(starts, size);
                ends = java.util.Arrays.copyOf(ends, size);
            }
            for (int k = from; k < from + added; k++) {
                starts[k] = i;
                ends[k] = next;
            }
            i = next;
        }
        return new NormalizedText(original, out.toString(), starts, ends);
    }

    /** The normalized text the finders match on. */
    String text() {
        return text;
    }

    /** The original offset of normalized offset {@code start} (inclusive). */
    int originalStart(int start) {
        return start >= text.length() ? original.length() : originalStart[start];
    }

    /** The original offset of normalized offset {@code end} (exclusive). */
    int originalEnd(int end) {
        return end <= 0 ? 0 : originalEnd[end - 1];
    }

    /** The original characters behind the normalized span [start, end). */
    String originalText(int start, int end) {
        return original.substring(originalStart(start), originalEnd(end));
    }
}
