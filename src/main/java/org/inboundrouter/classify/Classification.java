package org.inboundrouter.classify;

import org.inboundrouter.model.Priority;

import java.util.List;

/**
 * What a classifier says of one message, with the evidence, so that an agent or ops can see why.
 *
 * @param category   the primary category id (see classifiers/), {@code other} when nothing fits
 * @param categories every category whose score reached the threshold, primary first
 * @param priority   the primary category's default priority, raised by urgency signals
 * @param confidence the primary category's share of all positive evidence, 0 to 1 (0 when nothing matched)
 * @param scores     every category with a non-zero score, highest first
 * @param matches    the keywords, negative keywords, combinations, vetoes and urgency signals found, with their
 *                   positions
 */
public record Classification(String category, List<String> categories, Priority priority, double confidence,
        List<CategoryScore> scores, List<KeywordMatch> matches) {

    public static final String OTHER = "other";

    public Classification {
        categories = categories == null || categories.isEmpty() ? List.of(category) : List.copyOf(categories);
        scores = scores == null ? List.of() : List.copyOf(scores);
        matches = matches == null ? List.of() : List.copyOf(matches);
    }

    public Classification(String category, List<String> categories, Priority priority) {
        this(category, categories, priority, 0, List.of(), List.of());
    }

    public record CategoryScore(String category, double score) {
    }

    /**
     * @param kind   {@code keyword}, {@code negative}, {@code combination} (term {@code 支付 … 失败}: the two words
     *               found, the span from the first to the end of the second), {@code veto} or {@code urgency}
     * @param field  {@code subject} or {@code text}
     * @param start  offset of the match in that field as received (inclusive)
     * @param end    offset (exclusive)
     * @param weight what it added to the category's score (negative for negative keywords; 0 for a veto, which
     *               rules the category out; levels for urgency)
     */
    public record KeywordMatch(String kind, String term, String category, String field, int start, int end,
            double weight) {
    }
}
