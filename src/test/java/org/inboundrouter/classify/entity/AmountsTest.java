package org.inboundrouter.classify.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AmountsTest {

    private static final EntityExtractor EXTRACTOR = new EntityExtractor();

    private static List<Amount> amounts(String text) {
        return EXTRACTOR.extract(text).amounts();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            充值了100元               | 100       | CNY | 100元
            扣了100.50元              | 100.50    | CNY | 100.50元
            转了100块                 | 100       | CNY | 100块
            就100块钱而已             | 100       | CNY | 100块钱
            付款¥100失败              | 100       | CNY | ¥100
            付款￥1,000.00失败        | 1000.00   | CNY | ￥1,000.00
            RMB 100                   | 100       | CNY | RMB 100
            RMB100                    | 100       | CNY | RMB100
            CNY 100                   | 100       | CNY | CNY 100
            人民币100元               | 100       | CNY | 人民币100元
            paid 100 RMB today        | 100       | CNY | 100 RMB
            charged $12.50            | 12.50     | USD | $12.50
            charged US$12.50          | 12.50     | USD | US$12.50
            charged 12.50 USD         | 12.50     | USD | 12.50 USD
            charged USD 12.50         | 12.50     | USD | USD 12.50
            a fee of €5               | 5         | EUR | €5
            a fee of 5 EUR            | 5         | EUR | 5 EUR
            转了HK$100                | 100       | HKD | HK$100
            转了NT$100                | 100       | TWD | NT$100
            新台币100元               | 100       | TWD | 新台币100元
            台币100                   | 100       | TWD | 台币100
            100美元                   | 100       | USD | 100美元
            300港币                   | 300       | HKD | 300港币
            1000日元                  | 1000      | JPY | 1000日元
            £20                       | 20        | GBP | £20
            """)
    void currencyMarkers(String text, BigDecimal value, String currency, String asWritten) {
        assertThat(amounts(text)).singleElement().satisfies(a -> {
            assertThat(a.value()).isEqualTo(value);
            assertThat(a.currency()).isEqualTo(currency);
            assertThat(a.text()).isEqualTo(asWritten);
            assertThat(text.substring(a.start(), a.end())).isEqualTo(asWritten);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            充值一百元          | 100   | 一百元
            转了两千块          | 2000  | 两千块
            五百元              | 500   | 五百元
            三千五百元          | 3500  | 三千五百元
            三千五块            | 3500  | 三千五块
            一万五千元          | 15000 | 一万五千元
            十五元              | 15    | 十五元
            一百零五元          | 105   | 一百零五元
            贰佰元整            | 200   | 贰佰元
            提现1万元           | 10000 | 1万元
            提现1.5万就失败了   | 15000 | 1.5万
            两块五毛            | 2.5   | 两块五毛
            还差三块五          | 3.5   | 三块五
            5元5角              | 5.5   | 5元5角
            一块钱              | 1     | 一块钱
            """)
    void chineseNumeralsAndWan(String text, BigDecimal value, String asWritten) {
        assertThat(amounts(text)).singleElement().satisfies(a -> {
            assertThat(a.value()).isEqualByComparingTo(value);
            assertThat(a.currency()).isEqualTo("CNY");
            assertThat(a.text()).isEqualTo(asWritten);
        });
    }

    @Test
    void wanIsAPlainNumber() {
        assertThat(amounts("1.5万").get(0).value().toPlainString()).isEqualTo("15000");
        assertThat(amounts("100.50元").get(0).value().toPlainString()).isEqualTo("100.50");
    }

    @Test
    void fullWidthDigitsReportOriginalPositions() {
        String text = "我充值了５００元，又付了￥１００";
        assertThat(amounts(text)).satisfiesExactly(
                a -> {
                    assertThat(a.value()).isEqualTo(new BigDecimal("500"));
                    assertThat(a.text()).isEqualTo("５００元");
                    assertThat(text.substring(a.start(), a.end())).isEqualTo("５００元");
                },
                a -> {
                    assertThat(a.value()).isEqualTo(new BigDecimal("100"));
                    assertThat(a.currency()).isEqualTo("CNY");
                    assertThat(a.text()).isEqualTo("￥１００");
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "2024年5月3日充值",
            "卡号尾号1234",
            "订单号123456",
            "手机13812345678",
            "我有3个问题，等了2天",
            "几千元",
            "5万人都遇到了",
            "一块去吃饭",
            "100 USDT",
            "交易号 123456 RMB", // the id is taken by the reference finder first
    })
    void notAmounts(String text) {
        assertThat(amounts(text)).isEmpty();
    }

    @Test
    void aCurrencyCodeStartingTheNextAmountIsNotASuffix() {
        assertThat(amounts("￥1,000.00 RMB 200")).extracting(Amount::text).containsExactly("￥1,000.00", "RMB 200");
    }

    @Test
    void aSpecificCurrencyBeatsAGenericMarker() {
        assertThat(amounts("¥1000日元")).singleElement().extracting(Amount::currency).isEqualTo("JPY");
        assertThat(amounts("$100 HKD")).singleElement().extracting(Amount::currency).isEqualTo("HKD");
        assertThat(amounts("人民币100元")).singleElement().extracting(Amount::currency).isEqualTo("CNY");
    }

    @Test
    void sameAmountTwiceIsKeptOnceInOrder() {
        assertThat(amounts("扣了100元，又扣了50元，一共还是100.00元，不是200块"))
                .extracting(Amount::text).containsExactly("100元", "50元", "200块");
    }

    @Test
    void sameValueInAnotherCurrencyIsKept() {
        assertThat(amounts("100元 还是 $100")).extracting(Amount::currency).containsExactly("CNY", "USD");
    }
}
