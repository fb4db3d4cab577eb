package org.inboundrouter.classify;

import org.inboundrouter.classify.Classification.CategoryScore;
import org.inboundrouter.classify.Classification.KeywordMatch;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spelling variants ({@code variants:}): a word written once also matches in the other spellings people use. */
class VariantsTest {

    private static final String TAXONOMY = """
            scoring: {minScore: 2, subjectWeight: 2}
            variants: {充值: [冲值], 登录: [登陆, 登入], 没有: [木有]}
            categories:
              topup:
                keywords:
                  zh: {充值: 3, 充值失败: 4}
                combinations:
                  - {terms: [充值], then: [没到账], within: 8, unless: [没有], weight: 2.5}
                veto:
                  zh: [话费充值]
              forgot_password_login:
                keywords:
                  zh: {登录: 3, 登陆: 2, 登录不了: 5}
              other: {}
            """;

    private final KeywordClassifier classifier =
            new KeywordClassifier(TaxonomyReader.parse(Path.of("variants.yaml"), TAXONOMY));

    private static double score(Classification c, String category) {
        return c.scores().stream().filter(s -> s.category().equals(category)).mapToDouble(CategoryScore::score)
                .findFirst().orElse(0);
    }

    private static List<KeywordMatch> matches(Classification c, String kind) {
        return c.matches().stream().filter(m -> m.kind().equals(kind)).toList();
    }

    @Test
    void aKeywordWrittenOnceMatchesItsVariantSpelling() {
        String text = "我冲值了";
        Classification c = classifier.classify(null, text);
        assertThat(c.category()).isEqualTo("topup");
        assertThat(score(c, "topup")).isEqualTo(3.0);
        KeywordMatch m = c.matches().get(0);
        assertThat(m.kind()).isEqualTo("keyword");
        assertThat(m.term()).as("reported as the taxonomy writes it").isEqualTo("充值");
        assertThat(text.substring(m.start(), m.end())).as("found as the user wrote it").isEqualTo("冲值");
        // a phrase containing the word has the variant too: 冲值失败 is 充值失败
        assertThat(score(classifier.classify(null, "冲值失败"), "topup")).isEqualTo(3.0 + 4.0);
    }

    @Test
    void bothSpellingsInOneFieldCountOnce() {
        Classification c = classifier.classify(null, "充值了一次，又冲值了一次");
        assertThat(score(c, "topup")).isEqualTo(3.0);
        assertThat(matches(c, "keyword")).hasSize(1);
        // once per field: the subject's spelling and the text's each count, the subject's twice
        assertThat(score(classifier.classify("冲值", "充值"), "topup")).isEqualTo(3.0 * 2 + 3.0);
    }

    @Test
    void aVariantTheCategoryListsExplicitlyDoesNotCountTwice() {
        // 登陆 is listed with weight 2: it is not also 登录 (3)
        Classification c = classifier.classify(null, "登陆");
        assertThat(score(c, "forgot_password_login")).isEqualTo(2.0);
        assertThat(c.matches()).extracting(KeywordMatch::term).containsExactly("登陆");
        // 登入 is not listed: it is 登录
        assertThat(score(classifier.classify(null, "登入"), "forgot_password_login")).isEqualTo(3.0);
        // a phrase of the word still has the variant: 登陆不了 is 登陆 2 + 登录不了 5
        assertThat(score(classifier.classify(null, "登陆不了"), "forgot_password_login")).isEqualTo(7.0);
        assertThat(score(classifier.classify(null, "登录不了"), "forgot_password_login")).isEqualTo(3.0 + 5.0);
    }

    @Test
    void variantsApplyInsideCombinationWords() {
        String text = "冲值了200还没到账";
        Classification c = classifier.classify(null, text);
        assertThat(score(c, "topup")).isEqualTo(3.0 + 2.5);
        List<KeywordMatch> combination = matches(c, "combination");
        assertThat(combination).hasSize(1);
        assertThat(combination.get(0).term()).isEqualTo("充值 … 没到账");
        assertThat(text.substring(combination.get(0).start(), combination.get(0).end())).isEqualTo("冲值了200还没到账");
        // and inside unless words: 木有 is 没有
        assertThat(matches(classifier.classify(null, "冲值木有没到账"), "combination")).isEmpty();
    }

    @Test
    void variantsApplyInsideVetoes() {
        String text = "话费冲值失败";
        Classification c = classifier.classify(null, text);
        assertThat(c.scores()).extracting(CategoryScore::category).doesNotContain("topup");
        assertThat(c.category()).isEqualTo("other");
        List<KeywordMatch> veto = matches(c, "veto");
        assertThat(veto).hasSize(1);
        assertThat(veto.get(0).term()).isEqualTo("话费充值");
        assertThat(veto.get(0).category()).isEqualTo("topup");
        assertThat(text.substring(veto.get(0).start(), veto.get(0).end())).isEqualTo("话费冲值");
    }
}
