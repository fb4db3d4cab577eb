package org.inboundrouter.classify;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RegexPrefixesTest {

    @Test
    void findsTheLiteralsEveryMatchStartsWith() {
        assertThat(RegexPrefixes.of("(提现|取现).{0,8}失败")).containsExactly("提现", "取现");
        assertThat(RegexPrefixes.of("((充|冲)(值|钱)|储值).{0,10}失败"))
                .containsExactlyInAnyOrder("充值", "充钱", "冲值", "冲钱", "储值");
        assertThat(RegexPrefixes.of("\\b(cancel\\w*|stop)\\b.{0,20}order")).containsExactly("cancel", "stop");
        assertThat(RegexPrefixes.of("(?<!是)不是我的")).containsExactly("不是我的");
        assertThat(RegexPrefixes.of("(?<!\\d)12315(?!\\d)")).containsExactly("12315");
        assertThat(RegexPrefixes.of("新的?手机")).containsExactlyInAnyOrder("新的手机", "新手机");
        assertThat(RegexPrefixes.of("我(根本|都)?没(有)?[买用]")).containsExactlyInAnyOrder("我根本没有", "我都没有",
                "我没有", "我根本没", "我都没", "我没");
        assertThat(RegexPrefixes.of("退+款")).containsExactly("退");
        assertThat(RegexPrefixes.of("(退|)钱")).containsExactlyInAnyOrder("退钱", "钱");
        assertThat(RegexPrefixes.of("(退钱)?好")).containsExactlyInAnyOrder("退钱好", "好");
        assertThat(RegexPrefixes.of("Balance\\.")).as("folded like the text").containsExactly("balance.");
    }

    @Test
    void givesUpWhereNoLiteralIsCertain() {
        assertThat(RegexPrefixes.of(".{0,2}退钱")).isNull();
        assertThat(RegexPrefixes.of("[退返]钱")).isNull();
        assertThat(RegexPrefixes.of("\\d+元")).isNull();
    }

    @Test
    void patternsWithAndWithoutAPrefixBothCount() {
        KeywordClassifier c = new KeywordClassifier(TaxonomyReader.parse(Path.of("t.yaml"), """
                categories:
                  refund:
                    patterns:
                      - {regex: "(?<!不)退.{0,2}钱", weight: 3}
                  withdrawal:
                    patterns:
                      - {regex: "[提取]现.{0,4}失败", weight: 3}
                  other: {}
                """));
        assertThat(c.classify(null, "快退我钱").category()).isEqualTo("refund");
        assertThat(c.classify(null, "不退钱").category()).as("lookbehind sees before the trigger").isEqualTo("other");
        assertThat(c.classify(null, "提现又失败了").category()).isEqualTo("withdrawal");
    }
}
