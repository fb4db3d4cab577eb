package org.inboundrouter.classify;

import org.inboundrouter.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

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
                      - {regex: "(unclosed", weight: 2}
                    colour: blue
                  Bad-Id:
                    keywords: {en: {x: 1}}
                """);
        assertThat(message)
                .contains("t.yaml:1: scoring.minScore: must be between")
                .contains("t.yaml:4: categories.topup.priority: must be one of low, normal, high, urgent")
                .contains("t.yaml:6: categories.topup.keywords.zh.充值: must be a number, was \"heavy\"")
                .contains("t.yaml:7: categories.topup.keywords.fr: unknown setting")
                .contains("t.yaml:9: categories.topup.patterns.regex: not a valid regular expression")
                .contains("t.yaml:10: categories.topup.colour: unknown setting")
                .contains("t.yaml:11: categories.Bad-Id: a category id is lower-case")
                .contains("categories: must define \"other\"");
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
