package org.inboundrouter.text;

import org.inboundrouter.model.Language;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTest {

    @Test
    void chinese() {
        assertThat(LanguageDetector.detect("我的账户被冻结了，请帮忙处理")).isEqualTo(Language.ZH);
        assertThat(LanguageDetector.detect("Re: 充值失败")).isEqualTo(Language.ZH);
        assertThat(LanguageDetector.detect("我用Upay App充值100元失败，订单号TX20240429001")).isEqualTo(Language.ZH);
        assertThat(LanguageDetector.detect("帳戶")).isEqualTo(Language.ZH);
    }

    @Test
    void english() {
        assertThat(LanguageDetector.detect("My withdrawal has not arrived after three days.")).isEqualTo(Language.EN);
        assertThat(LanguageDetector.detect("Please help, I was charged twice. 谢谢")).isEqualTo(Language.EN);
    }

    @Test
    void mixed() {
        assertThat(LanguageDetector.detect("Hello, my top-up failed yesterday. 我昨天充值失败了，钱已经扣了。"))
                .isEqualTo(Language.MIXED);
    }

    @Test
    void unknown() {
        assertThat(LanguageDetector.detect("")).isEqualTo(Language.UNKNOWN);
        assertThat(LanguageDetector.detect(null)).isEqualTo(Language.UNKNOWN);
        assertThat(LanguageDetector.detect("12345 ¥100 !!!")).isEqualTo(Language.UNKNOWN);
        assertThat(LanguageDetector.detect("Здравствуйте")).isEqualTo(Language.UNKNOWN);
    }
}
