package org.inboundrouter.classify;

import org.inboundrouter.classify.Classification.CategoryScore;
import org.inboundrouter.classify.Classification.KeywordMatch;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Vetoes rule a category out; {@code other} with keywords of its own (out-of-scope talk) competes. */
class VetoAndOtherKeywordsTest {

    private static final String CATEGORIES = """
              topup:
                keywords: {zh: {充值: 3, 充值失败: 4}, en: {top up: 3}}
                veto: {zh: [贷款, 还款], en: [loan, repayment]}
              payment_failure:
                keywords: {zh: {支付: 2, 支付失败: 5}}
            """;
    private static final String OTHER = """
              other:
                keywords: {zh: {贷款: 3, 还款: 3, 利息: 2}, en: {loan: 3}}
            """;

    private static KeywordClassifier classifier(String categories) {
        return new KeywordClassifier(TaxonomyReader.parse(Path.of("veto.yaml"),
                "scoring: {minScore: 2, subjectWeight: 2}\ncategories:\n" + categories));
    }

    private final KeywordClassifier classifier = classifier(CATEGORIES + OTHER);

    private static double score(Classification c, String category) {
        return c.scores().stream().filter(s -> s.category().equals(category)).mapToDouble(CategoryScore::score)
                .findFirst().orElse(0);
    }

    @Test
    void aVetoRulesTheCategoryOutHoweverHighItsKeywordsScore() {
        String text = "贷款充值失败了，充值失败";
        Classification c = classifier.classify("充值失败", text);
        assertThat(c.scores()).extracting(CategoryScore::category).doesNotContain("topup");
        assertThat(c.categories()).doesNotContain("topup");
        assertThat(c.category()).isEqualTo("other");
        List<KeywordMatch> veto = c.matches().stream().filter(m -> m.kind().equals("veto")).toList();
        assertThat(veto).isNotEmpty();
        assertThat(veto.get(0).term()).isEqualTo("贷款");
        assertThat(veto.get(0).category()).isEqualTo("topup");
        assertThat(veto.get(0).field()).isEqualTo("text");
        assertThat(text.substring(veto.get(0).start(), veto.get(0).end())).isEqualTo("贷款");
        assertThat(veto.get(0).weight()).isZero();
    }

    @Test
    void aVetoAnywhereInTheMessageCounts() {
        assertThat(score(classifier.classify("还款", "充值失败"), "topup")).as("in the subject").isZero();
        assertThat(score(classifier.classify("充值失败", "还款的事"), "topup")).as("in the text").isZero();
        assertThat(classifier.classify(null, "top up for my loan").scores()).extracting(CategoryScore::category)
                .containsExactly("other");
        // Latin veto terms obey word boundaries: "loans" is not "loan"
        assertThat(classifier.classify(null, "top up, no loans").category()).isEqualTo("topup");
    }

    @Test
    void aVetoLeavesOtherCategoriesAlone() {
        Classification c = classifier.classify(null, "还款的时候充值失败，支付失败");
        assertThat(c.category()).isEqualTo("payment_failure");
        assertThat(score(c, "payment_failure")).isEqualTo(2.0 + 5.0);
        assertThat(score(c, "other")).isEqualTo(3.0);
        assertThat(score(c, "topup")).isZero();
    }

    @Test
    void outOfScopeTalkWinsOverAWeakerCategoryWord() {
        Classification c = classifier.classify(null, "贷款还款怎么支付");
        assertThat(c.category()).isEqualTo("other");
        assertThat(c.categories()).containsExactly("other", "payment_failure");
        assertThat(c.confidence()).isEqualTo(0.75);
        assertThat(c.matches()).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo("keyword");
            assertThat(m.category()).isEqualTo("other");
        });
        // a stronger problem word still wins
        assertThat(classifier.classify(null, "贷款还款支付失败").category()).isEqualTo("payment_failure");
    }

    @Test
    void aTieGoesToTheCategoryListedFirst() {
        // 利息 (other, 2) and 支付 (payment_failure, 2)
        assertThat(classifier.classify(null, "利息支付").category()).isEqualTo("payment_failure");
        assertThat(classifier(OTHER + CATEGORIES).classify(null, "利息支付").category()).isEqualTo("other");
        assertThat(classifier(OTHER + CATEGORIES).classify(null, "利息支付").categories())
                .containsExactly("other", "payment_failure");
    }

    /**
     * ENGINE BUG (reported): a taxonomy whose only category is {@code other} without keywords is valid (the reader
     * accepts it) but builds no automaton, and classifying any non-empty text throws a NullPointerException from
     * the hankcs trie ("this.base" is null): TermIndex builds the trie only when there are terms, KeywordClassifier
     * scans with it anyway.
     */
    @Test
    void aTaxonomyOfOnlyOtherWithoutKeywordsCallsEverythingOther() {
        KeywordClassifier empty = classifier("  other: {}\n");
        Classification c = empty.classify("充值", "充值失败 top up");
        assertThat(c.category()).isEqualTo("other");
        assertThat(c.scores()).isEmpty();
        assertThat(c.matches()).isEmpty();
    }

    /**
     * ENGINE BUG (reported): "a veto term anywhere in the message" rules the category out, but with
     * {@code subjectWeight: 0} the subject is not read at all, so a veto (or an urgency signal) in the subject is
     * missed: 还款 in the subject leaves topup at 7.
     */
    @Test
    void aVetoInTheSubjectCountsEvenWhenTheSubjectCarriesNoWeight() {
        KeywordClassifier unweighted = new KeywordClassifier(TaxonomyReader.parse(Path.of("veto.yaml"),
                "scoring: {minScore: 2, subjectWeight: 0}\ncategories:\n" + CATEGORIES + OTHER));
        Classification c = unweighted.classify("还款", "充值失败");
        assertThat(score(c, "topup")).isZero();
        assertThat(c.matches()).extracting(KeywordMatch::kind).contains("veto");
    }
}
