package org.inboundrouter.classify;

import org.inboundrouter.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TaxonomyReaderTest {

    private static String problems(String yaml) {
        return catchThrowableOfType(ConfigException.class,
                () -> TaxonomyReader.parse(Path.of("t.yaml"), yaml)).getMessage();
    }

    @Test
    void reportsEveryProblemWithLineAndPath() {
        String message = problems("""
                scoring: {minScore: -1}
                categories:
                  topup:
                    priority: sometimes
                    keywords:
                      zh: {充值: heavy, 儲值: 3}
                      fr: {recharge: 3}
                    patterns:
                      - {regex: "退.{0,4}钱", weight: 2}
                    colour: blue
                  Bad-Id:
                    keywords: {en: {x: 1}}
                """);
        assertThat(message)
                .contains("t.yaml:1: scoring.minScore: must be between")
                .contains("t.yaml:4: categories.topup.priority: must be one of low, normal, high, urgent")
                .contains("t.yaml:6: categories.topup.keywords.zh.充值: must be a number, was \"heavy\"")
                .contains("t.yaml:7: categories.topup.keywords.fr: unknown setting")
                .contains("t.yaml:8: categories.topup.patterns: regular-expression patterns were replaced by "
                        + "combinations (words near each other) and variants: see classifiers/README.md")
                .contains("t.yaml:10: categories.topup.colour: unknown setting")
                .contains("t.yaml:11: categories.Bad-Id: a category id is lower-case")
                .contains("categories: must define \"other\"");
    }

    /** A taxonomy with one category whose body is {@code topup} (indented 4), and {@code other}. */
    private static String topup(String body) {
        return "categories:\n  topup:\n" + body.indent(4) + "  other: {}\n";
    }

    @Test
    void aCombinationWithBothWithAndThenIsRefused() {
        assertThat(problems(topup("""
                keywords: {zh: {充值: 3}}
                combinations:
                  - {terms: [充值], then: [没到账], weight: 2}
                  - {terms: [充值], with: [失败], then: [没到账], weight: 2}
                """))).contains("t.yaml:6: categories.topup.combinations: a combination needs terms and either with "
                + "(any order) or then (after), not both")
                .doesNotContain("t.yaml:5:");
    }

    @Test
    void aCombinationWithNeitherWithNorThenIsRefused() {
        assertThat(problems(topup("""
                combinations:
                  - {terms: [充值], weight: 2}
                """))).contains("t.yaml:4: categories.topup.combinations: a combination needs terms and either with");
    }

    @Test
    void aCombinationWithoutWeightOrTermsIsRefused() {
        String message = problems(topup("""
                combinations:
                  - {terms: [充值], then: [没到账]}
                  - {with: [失败], weight: 2}
                """));
        assertThat(message)
                .contains("t.yaml:4: categories.topup.combinations: a combination needs terms, with or then, and weight")
                .contains("t.yaml:5: categories.topup.combinations: a combination needs terms, with or then, and weight");
    }

    @Test
    void withinMustBeAWholeNumberOfCharacters() {
        String message = problems(topup("""
                combinations:
                  - {terms: [充值], then: [没到账], within: 8.5, weight: 2}
                  - {terms: [充值], then: [失败],
                     within: eight, weight: 2}
                  - {terms: [充值], then: [退回], within: -1, weight: 2}
                """));
        assertThat(message)
                .contains("t.yaml:4: categories.topup.combinations.within: a number of characters, 0 to 100")
                .contains("t.yaml:6: categories.topup.combinations.within: must be a number, was \"eight\"")
                .contains("t.yaml:7: categories.topup.combinations.within: must be between 0.0 and 100.0, was -1");
    }

    @Test
    void emptyTermListsAreRefused() {
        String message = problems(topup("""
                combinations:
                  - {terms: [], then: [没到账], weight: 2}
                  - {terms: [充值], with: [], weight: 2}
                  - {terms: [充值], then: [没到账], unless: [], weight: 2}
                veto: []
                """));
        assertThat(message)
                .contains("t.yaml:4: categories.topup.combinations.terms: must list at least one term")
                .contains("t.yaml:5: categories.topup.combinations.with: must list at least one term")
                .contains("t.yaml:6: categories.topup.combinations.unless: must list at least one term")
                .contains("t.yaml:7: categories.topup.veto: must list at least one term");
    }

    @Test
    void unknownSettingsOfACombinationAndVetoLanguagesAreReported() {
        String message = problems(topup("""
                combinations:
                  - {terms: [充值], then: [没到账], weight: 2, regex: "充.{0,3}值"}
                veto: {zh: [贷款], fr: [prêt]}
                """));
        assertThat(message)
                .contains("t.yaml:4: categories.topup.combinations.regex: unknown setting (known: terms, with, then, "
                        + "within, unless, weight)")
                .contains("t.yaml:5: categories.topup.veto.fr: unknown setting (known: zh, en)");
    }

    @Test
    void aVariantMustNotContainItsOwnWord() {
        String message = problems("""
                variants:
                  充值: [冲值]
                  登录: [登陆, 登录了]
                  帐户: [账户]
                categories:
                  other: {}
                """);
        assertThat(message)
                .contains("t.yaml:3: variants.登录: a variant must not contain the word it stands for")
                // 帐 folds to 账: the variant is the word itself once folded
                .contains("t.yaml:4: variants.帐户: a variant must not contain the word it stands for")
                .doesNotContain("variants.充值");
    }

    @Test
    void variantsAreAMappingOfWordsToLists() {
        assertThat(problems("""
                variants: [充值, 冲值]
                categories:
                  other: {}
                """)).contains("t.yaml:1: variants: expected a mapping (key: value)");
        assertThat(problems("""
                variants: {充值: 冲值}
                categories:
                  other: {}
                """)).contains("t.yaml:1: variants.充值: expected a list");
    }

    @Test
    void theNewConstructsAreRead() {
        Taxonomy t = TaxonomyReader.parse(Path.of("t.yaml"), """
                variants: {充值: [冲值], 登录: [登陆, 登入]}
                categories:
                  topup:
                    keywords: {zh: {充值: 3}}
                    combinations:
                      - {terms: [充值, 充钱], then: [没到账], within: 10, unless: [没有], weight: 2.5}
                      - {terms: [支付], with: [失败], weight: 3}
                    veto: {zh: [贷款], en: [loan]}
                  other:
                    keywords: {zh: {贷款: 3}}
                """);
        assertThat(t.variants()).containsEntry("充值", List.of("冲值")).containsEntry("登录", List.of("登陆", "登入"));
        Taxonomy.Category topup = t.categories().get(0);
        assertThat(topup.combinations()).containsExactly(
                new Taxonomy.Combination(List.of("充值", "充钱"), List.of("没到账"), true, 10, List.of("没有"), 2.5),
                new Taxonomy.Combination(List.of("支付"), List.of("失败"), false,
                        Taxonomy.Combination.DEFAULT_WITHIN, List.of(), 3));
        assertThat(topup.veto()).containsExactly("贷款", "loan");
        assertThat(t.categories().get(1).keywords()).containsEntry("贷款", 3.0);
    }

    @Test
    void reportsTermsThatAreTheSameOnceFolded() {
        assertThat(problems("""
                categories:
                  transfer:
                    keywords:
                      zh: {转账: 3, 轉帳: 3}
                  other: {}
                """)).contains("\"轉帳\" and \"转账\" are the same keyword once folded");
    }

    @Test
    void reportsBrokenYamlWithItsLine() {
        assertThat(problems("categories:\n  topup: {keywords: [unclosed\n")).contains("t.yaml:").contains("not valid YAML");
    }

    @Test
    void theShippedTaxonomyLoadsAndCoversTheDomainsCategories() {
        Taxonomy t = TaxonomyReader.read(Path.of("classifiers/wallet-support.yaml"));
        assertThat(t.categories()).extracting(Taxonomy.Category::id).contains("topup", "payment_failure",
                "withdrawal", "transfer", "refund", "account_security", "fraud_scam", "forgot_password_login",
                "account_locked_frozen", "account_closure", "update_account_info", "transaction_dispute",
                "service_complaint", "card_binding", "balance_anomaly", "other");
        assertThat(TaxonomyReader.builtIn().categories()).hasSameSizeAs(t.categories());
    }
}
