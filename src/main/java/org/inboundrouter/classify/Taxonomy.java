package org.inboundrouter.classify;

import org.inboundrouter.model.Priority;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A keyword taxonomy as read from {@code classifiers/*.yaml}: the categories with their keywords, negative keywords,
 * combinations and vetoes, the spelling variants, the urgency signals and the scoring settings. See
 * classifiers/README.md for the file format; every construct there is a record here.
 *
 * @param source   where it was read from, for messages
 * @param variants a word to the other spellings people write it in (冲值 for 充值): every term of every construct
 *                 that contains the word also matches with each variant in its place
 */
public record Taxonomy(Path source, Scoring scoring, Map<String, Integer> urgency, Map<String, List<String>> variants,
        List<Category> categories) {

    public Taxonomy {
        urgency = Map.copyOf(urgency);
        variants = Map.copyOf(variants);
        categories = List.copyOf(categories);
    }

    /**
     * @param minScore      a category needs at least this score to apply
     * @param subjectWeight a keyword in the subject counts this many times its weight
     */
    public record Scoring(double minScore, double subjectWeight) {
    }

    /**
     * @param keywords     term to weight (terms as written; folded when compiled)
     * @param negative     term to weight subtracted when it appears
     * @param combinations pairs of words near each other that say more together than apart
     * @param veto         terms that, anywhere in the message, rule this category out (loan talk is not a top-up)
     */
    public record Category(String id, String nameZh, String nameEn, Priority priority, Map<String, Double> keywords,
            Map<String, Double> negative, List<Combination> combinations, List<String> veto) {

        public Category {
            combinations = List.copyOf(combinations);
            veto = List.copyOf(veto);
        }

        /** A category of keywords only. */
        public Category(String id, String nameZh, String nameEn, Priority priority, Map<String, Double> keywords,
                Map<String, Double> negative) {
            this(id, nameZh, nameEn, priority, keywords, negative, List.of(), List.of());
        }

        public Category withKeywords(Map<String, Double> newKeywords) {
            return new Category(id, nameZh, nameEn, priority, newKeywords, negative, combinations, veto);
        }

        public Category withCombinations(List<Combination> newCombinations) {
            return new Category(id, nameZh, nameEn, priority, keywords, negative, newCombinations, veto);
        }
    }

    /**
     * A word of {@code terms} and a word of {@code with} at most {@code within} characters apart: 支付 … 失败,
     * 提现 … 没到账. With {@code ordered}, the {@code with} word must come after the {@code terms} word (已经取消 …
     * 还在扣), else either order. A word of {@code unless} between them, or just before the first (up to two
     * characters), cancels the pair: 没有 … 失败 is not a failure. Counts once per field.
     */
    public record Combination(List<String> terms, List<String> with, boolean ordered, int within,
            List<String> unless, double weight) {

        public static final int DEFAULT_WITHIN = 8;

        public Combination {
            terms = List.copyOf(terms);
            with = List.copyOf(with);
            unless = List.copyOf(unless);
        }

    }

    public int keywordCount() {
        return categories.stream().mapToInt(c -> c.keywords().size() + c.negative().size()).sum() + urgency.size();
    }

    public Taxonomy withCategories(List<Category> newCategories) {
        return new Taxonomy(source, scoring, urgency, variants, newCategories);
    }
}
