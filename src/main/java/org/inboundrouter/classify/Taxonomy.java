package org.inboundrouter.classify;

import org.inboundrouter.model.Priority;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A keyword taxonomy as read from {@code classifiers/*.yaml}: the categories with their keywords, negative keywords
 * and patterns, the urgency signals, and the scoring settings. See classifiers/README.md for the file format.
 *
 * @param source where it was read from, for messages
 */
public record Taxonomy(Path source, Scoring scoring, Map<String, Integer> urgency, List<Category> categories) {

    /**
     * @param minScore      a category needs at least this score to apply
     * @param subjectWeight a keyword in the subject counts this many times its weight
     */
    public record Scoring(double minScore, double subjectWeight) {
    }

    /**
     * @param keywords term to weight (terms as written; folded when compiled)
     * @param negative term to weight subtracted when it appears
     */
    public record Category(String id, String nameZh, String nameEn, Priority priority, Map<String, Double> keywords,
            Map<String, Double> negative, List<WeightedPattern> patterns) {
    }

    public record WeightedPattern(Pattern pattern, double weight) {
    }

    public int keywordCount() {
        return categories.stream().mapToInt(c -> c.keywords().size() + c.negative().size()).sum() + urgency.size();
    }
}
