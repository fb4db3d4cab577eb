package org.inboundrouter.classify;

import org.inboundrouter.classify.Classification.KeywordMatch;
import org.inboundrouter.model.Priority;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordClassifierTest {

    private static final String TAXONOMY = """
            scoring: {minScore: 2, subjectWeight: 2}
            urgency: {立即: 1, 被盗: 3, urgent: 1}
            categories:
              topup:
                name: {zh: 充值, en: Top-up}
                priority: normal
                keywords:
                  zh: {充值: 3, 充值失败: 5}
                  en: {top up: 3, card: 1}
                negative:
                  en: {card fee: 2}
              account_security:
                priority: urgent
                keywords:
                  zh: {帳戶被盜: 5}
              account_closure:
                priority: low
                keywords:
                  zh: {注销: 5}
                  en: {close my account: 5, "12315": 5}
              refund:
                keywords:
                  zh: {退款: 3}
                combinations:
                  - {terms: [退], then: [钱], within: 2, weight: 2}
              other:
                priority: normal
            """;

    private final KeywordClassifier classifier =
            new KeywordClassifier(TaxonomyReader.parse(Path.of("test.yaml"), TAXONOMY));

    @Test
    void chineseKeywordsMatchAsSubstringsAndPhrasesAddToTheirWords() {
        Classification c = classifier.classify(null, "我昨天充值了500元但是显示充值失败");
        assertThat(c.category()).isEqualTo("topup");
        assertThat(c.scores()).first().satisfies(s -> assertThat(s.score()).isEqualTo(8.0)); // 充值 twice counts once, plus 充值失败
        assertThat(c.priority()).isEqualTo(Priority.NORMAL);
        assertThat(c.confidence()).isEqualTo(1.0);
    }

    @Test
    void latinKeywordsMatchOnlyAtAsciiLetterBoundaries() {
        assertThat(classifier.classify(null, "I discard the cards").scores()).isEmpty();
        assertThat(classifier.classify(null, "my card!").scores()).first()
                .satisfies(s -> assertThat(s.score()).isEqualTo(1.0));
        // a digit or a Chinese character next to a Latin keyword is a boundary
        assertThat(classifier.classify(null, "top up失败了").category()).isEqualTo("topup");
        assertThat(classifier.classify(null, "3top up").category()).isEqualTo("topup");
    }

    @Test
    void numericKeywordsMatchOnlyAsWholeNumbers() {
        assertThat(classifier.classify(null, "我要打12315投诉").category()).isEqualTo("account_closure");
        assertThat(classifier.classify(null, "订单号9912315000").scores()).isEmpty();
    }

    @Test
    void aRepeatedKeywordCountsOncePerField() {
        Classification c = classifier.classify("退款", "退款 退款 退款，快退我钱，退我钱");
        assertThat(c.scores()).first().satisfies(s -> assertThat(s.score()).isEqualTo(3 * 2 + 3 + 2));
    }

    @Test
    void foldsFullWidthCaseWhitespaceAndTraditionalForms() {
        assertThat(classifier.classify(null, "ＴＯＰ　　ＵＰ please").category()).isEqualTo("topup");
        // the keyword 帳戶被盜 is folded to simplified like the text; 帐户 and 账户 fold alike
        assertThat(classifier.classify(null, "我的账户被盗了").category()).isEqualTo("account_security");
        assertThat(classifier.classify(null, "我的帐户被盗了").category()).isEqualTo("account_security");
        assertThat(classifier.classify(null, "我的帳戶被盜了").category()).isEqualTo("account_security");
    }

    @Test
    void matchPositionsPointIntoTheTextAsReceived() {
        String text = "ＡＢＣ   我要  注销";
        KeywordMatch m = classifier.classify(null, text).matches().get(0);
        assertThat(text.substring(m.start(), m.end())).isEqualTo("注销");
        assertThat(m.field()).isEqualTo("text");
        assertThat(m.kind()).isEqualTo("keyword");
    }

    @Test
    void theSubjectWeighsMore() {
        Classification c = classifier.classify("退款", "我要注销");
        assertThat(c.category()).isEqualTo("refund");
        assertThat(c.categories()).containsExactly("refund", "account_closure");
        assertThat(c.scores()).extracting(Classification.CategoryScore::score).containsExactly(6.0, 5.0);
    }

    @Test
    void negativeKeywordsAndCombinationsCount() {
        Classification c = classifier.classify(null, "top up card fee");
        assertThat(c.scores()).first().satisfies(s -> assertThat(s.score()).isEqualTo(2.0));
        assertThat(c.matches()).extracting(KeywordMatch::kind).contains("negative");
        // 退 … 钱, at most 2 characters apart, 钱 after 退: the combination alone settles it
        Classification p = classifier.classify(null, "快退我钱");
        assertThat(p.category()).isEqualTo("refund");
        assertThat(p.matches()).extracting(KeywordMatch::kind).containsExactly("combination");
        assertThat(p.matches()).extracting(KeywordMatch::term).containsExactly("退 … 钱");
        assertThat(classifier.classify(null, "钱快退我").scores()).as("then: 钱 must come after 退").isEmpty();
        assertThat(classifier.classify(null, "退了好多的钱").scores()).as("more than 2 characters apart").isEmpty();
    }

    @Test
    void urgencySignalsRaiseThePriorityUpToUrgent() {
        assertThat(classifier.classify(null, "充值失败，请立即处理").priority()).isEqualTo(Priority.HIGH);
        assertThat(classifier.classify(null, "我要注销，urgent").priority()).isEqualTo(Priority.NORMAL);
        assertThat(classifier.classify(null, "充值失败，账户被盗").priority()).isEqualTo(Priority.URGENT);
        assertThat(classifier.classify(null, "帳戶被盜，立即").priority()).isEqualTo(Priority.URGENT);
    }

    @Test
    void nothingAboveTheThresholdIsOther() {
        Classification c = classifier.classify(null, "你好，请问营业时间？ my card");
        assertThat(c.category()).isEqualTo("other");
        assertThat(c.confidence()).isZero();
        assertThat(c.categories()).containsExactly("other");
    }

    @Test
    void theShippedTaxonomyClassifiesTheIssueExample() {
        KeywordClassifier shipped = new KeywordClassifier(TaxonomyReader.read(Path.of("classifiers/wallet-support.yaml")));
        Classification c = shipped.classify(null, "我昨天充值了500元但是显示充值失败，交易号20240503123456，请尽快处理");
        assertThat(c.category()).isEqualTo("topup");
        assertThat(shipped.taxonomy().keywordCount()).isGreaterThan(100);
    }
}
