package org.inboundrouter.classify;

import org.inboundrouter.classify.Classification.CategoryScore;
import org.inboundrouter.classify.Classification.KeywordMatch;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Combinations: two words near each other, in either order ({@code with}) or one after the other ({@code then}). */
class CombinationsTest {

    private static final String TAXONOMY = """
            scoring: {minScore: 2, subjectWeight: 2}
            categories:
              payment_failure:
                keywords: {zh: {付不了: 5}}
                combinations:
                  - {terms: [支付, 付款], with: [失败, 不了], unless: [没有], weight: 3}
                  - {terms: [card], with: [declined], within: 20, weight: 3}
              refund:
                combinations:
                  - {terms: [已经取消], then: [还在扣], within: 8, weight: 4}
                  - {terms: [退款], then: [没有到账], unless: [没有], within: 4, weight: 2}
              fraud_scam:
                combinations:
                  - {terms: [被骗], with: [转账], unless: [没有, 不是], within: 6, weight: 3}
              other: {}
            """;

    private final KeywordClassifier classifier =
            new KeywordClassifier(TaxonomyReader.parse(Path.of("combinations.yaml"), TAXONOMY));

    private double score(String subject, String text, String category) {
        return classifier.classify(subject, text).scores().stream().filter(s -> s.category().equals(category))
                .mapToDouble(CategoryScore::score).findFirst().orElse(0);
    }

    private double score(String text, String category) {
        return score(null, text, category);
    }

    private List<KeywordMatch> combinations(String subject, String text) {
        return classifier.classify(subject, text).matches().stream().filter(m -> m.kind().equals("combination"))
                .toList();
    }

    @Test
    void withMatchesEitherOrder() {
        assertThat(score("支付失败", "payment_failure")).isEqualTo(3.0);
        assertThat(score("付款一直不了", "payment_failure")).isEqualTo(3.0);
        assertThat(score("失败的支付", "payment_failure")).isEqualTo(3.0);
        assertThat(score("失败", "payment_failure")).as("one word alone").isZero();
    }

    @Test
    void thenNeedsTheSecondWordAfterTheFirst() {
        assertThat(score("已经取消了还在扣钱", "refund")).isEqualTo(4.0);
        assertThat(score("还在扣钱，已经取消了", "refund")).isZero();
    }

    @Test
    void withinIsTheMostCharactersBetweenTheWords() {
        // default 8
        assertThat(score("支付" + "啊".repeat(8) + "失败", "payment_failure")).isEqualTo(3.0);
        assertThat(score("支付" + "啊".repeat(9) + "失败", "payment_failure")).isZero();
        assertThat(score("失败" + "啊".repeat(8) + "支付", "payment_failure")).isEqualTo(3.0);
        assertThat(score("失败" + "啊".repeat(9) + "支付", "payment_failure")).isZero();
        // an explicit within: 8 for 已经取消 → 还在扣
        assertThat(score("已经取消" + "了".repeat(8) + "还在扣", "refund")).isEqualTo(4.0);
        assertThat(score("已经取消" + "了".repeat(9) + "还在扣", "refund")).isZero();
        // Latin words, within: 20 (spaces count as characters)
        assertThat(score("card " + "x".repeat(18) + " declined", "payment_failure")).isEqualTo(3.0);
        assertThat(score("card " + "x".repeat(19) + " declined", "payment_failure")).isZero();
    }

    @Test
    void anUnlessWordBetweenTheWordsOrJustBeforeCancelsThePair() {
        assertThat(score("支付没有失败", "payment_failure")).as("between").isZero();
        assertThat(score("没有支付失败", "payment_failure")).as("right before").isZero();
        assertThat(score("没有啊，支付失败", "payment_failure")).as("ending 2 characters before").isZero();
        assertThat(score("没有啊啊，支付失败", "payment_failure")).as("ending 3 characters before").isEqualTo(3.0);
        assertThat(score("支付失败，没有到账", "payment_failure")).as("after the pair").isEqualTo(3.0);
        // either order: "before the first" is before whichever word comes first in the text
        assertThat(score("没有失败的支付", "payment_failure")).isZero();
        // 没有 … 被骗: not a scam
        assertThat(score("我被骗了，转账给他", "fraud_scam")).isEqualTo(3.0);
        assertThat(score("没有被骗，转账给朋友", "fraud_scam")).isZero();
        assertThat(score("我不是被骗，转账给朋友", "fraud_scam")).isZero();
    }

    @Test
    void anUnlessWordThatIsPartOfAPairWordDoesNotCancel() {
        // 没有 is inside 没有到账, the second word itself
        assertThat(score("退款了没有到账", "refund")).isEqualTo(2.0);
        // a separate 没有 between the words still cancels
        assertThat(score("退款没有没有到账", "refund")).isZero();
    }

    @Test
    void latinCombinationWordsObeyAsciiWordBoundaries() {
        assertThat(score("my card was declined", "payment_failure")).isEqualTo(3.0);
        assertThat(score("MY ＣＡＲＤ WAS DECLINED", "payment_failure")).isEqualTo(3.0);
        assertThat(score("the discard was declined", "payment_failure")).isZero();
        assertThat(score("my cards were declined", "payment_failure")).isZero();
        assertThat(score("my card was undeclined", "payment_failure")).isZero();
        assertThat(score("card2 declined", "payment_failure")).as("a digit is a boundary").isEqualTo(3.0);
        assertThat(score("卡card被declined了", "payment_failure")).as("Chinese is a boundary").isEqualTo(3.0);
    }

    @Test
    void aCombinationCountsOncePerFieldAndTheSubjectWeighsMore() {
        assertThat(score("支付失败，再支付还是失败，付款也不了", "payment_failure")).isEqualTo(3.0);
        assertThat(combinations(null, "支付失败，再支付还是失败")).hasSize(1);
        assertThat(score("支付失败", "付款不了", "payment_failure")).isEqualTo(3.0 * 2 + 3.0);
        List<KeywordMatch> both = combinations("支付失败", "付款不了");
        assertThat(both).extracting(KeywordMatch::field).containsExactly("subject", "text");
        assertThat(both).extracting(KeywordMatch::weight).containsExactly(6.0, 3.0);
        assertThat(both).extracting(KeywordMatch::term).containsExactly("支付 … 失败", "付款 … 不了");
    }

    @Test
    void aCombinationAddsToTheKeywords() {
        // 付不了 is a keyword (5); 付款 … 不了 does not overlap it
        assertThat(score("付款付不了", "payment_failure")).isEqualTo(5.0 + 3.0);
    }

    @Test
    void theMatchReportsKindTermAndSpanInTheTextAsReceived() {
        String text = "ＡＢＣ   我的支付　　　一直失败了";
        List<KeywordMatch> found = combinations(null, text);
        assertThat(found).hasSize(1);
        KeywordMatch m = found.get(0);
        assertThat(m.kind()).isEqualTo("combination");
        assertThat(m.term()).isEqualTo("支付 … 失败");
        assertThat(m.category()).isEqualTo("payment_failure");
        assertThat(m.field()).isEqualTo("text");
        assertThat(text.substring(m.start(), m.end())).isEqualTo("支付　　　一直失败");
        assertThat(m.weight()).isEqualTo(3.0);
        // the other order: the term still names the terms word first, the span covers both
        String reversed = "Ｘ  失败　的支付";
        KeywordMatch r = combinations(null, reversed).get(0);
        assertThat(r.term()).isEqualTo("支付 … 失败");
        assertThat(reversed.substring(r.start(), r.end())).isEqualTo("失败　的支付");
        // Latin words in full width: the span is the original full-width text
        String latin = "my ＣＡＲＤ  was  ＤＥＣＬＩＮＥＤ!";
        KeywordMatch l = combinations(null, latin).get(0);
        assertThat(l.term()).isEqualTo("card … declined");
        assertThat(latin.substring(l.start(), l.end())).isEqualTo("ＣＡＲＤ  was  ＤＥＣＬＩＮＥＤ");
    }
}
