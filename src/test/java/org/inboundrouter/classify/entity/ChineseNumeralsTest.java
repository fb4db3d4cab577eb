package org.inboundrouter.classify.entity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChineseNumeralsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "零, 0", "五, 5", "十, 10", "十五, 15", "二十, 20", "二十三, 23", "一百, 100", "一百零五, 105",
            "五百, 500", "两千, 2000", "三千五百, 3500", "三千五, 3500", "两百五, 250", "一万, 10000", "一万五, 15000",
            "一万五千, 15000", "十万, 100000", "一亿五千万, 150000000", "贰佰, 200", "壹仟伍佰, 1500", "百, 100",
    })
    void parses(String text, long value) {
        assertThat(ChineseNumerals.parse(text)).hasValue(value);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "一二三", "一零", "五个"})
    void rejects(String text) {
        assertThat(ChineseNumerals.parse(text)).isEmpty();
    }
}
