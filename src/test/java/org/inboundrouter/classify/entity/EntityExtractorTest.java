package org.inboundrouter.classify.entity;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EntityExtractorTest {

    private static final EntityExtractor EXTRACTOR = new EntityExtractor();
    private static final ZonedDateTime RECEIVED = ZonedDateTime.of(2024, 5, 4, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai"));

    @Test
    void topUpComplaint() {
        String text = "我昨天充值了500元但是显示充值失败，交易号20240503123456，请尽快处理";
        Entities e = EXTRACTOR.extract(text, RECEIVED);

        assertThat(e.amounts()).singleElement().satisfies(a -> {
            assertThat(a.value()).isEqualByComparingTo("500");
            assertThat(a.currency()).isEqualTo("CNY");
            assertThat(a.text()).isEqualTo("500元");
            assertThat(text.substring(a.start(), a.end())).isEqualTo("500元");
        });
        assertThat(e.references()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("transaction");
            assertThat(r.value()).isEqualTo("20240503123456");
        });
        assertThat(e.dates()).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo("昨天");
            assertThat(d.date()).isEqualTo(LocalDate.of(2024, 5, 3));
            assertThat(d.time()).isNull();
            assertThat(d.relative()).isTrue();
        });
        assertThat(e.phones()).isEmpty();
        assertThat(e.cardLast4()).isEmpty();
        assertThat(e.emails()).isEmpty();
    }

    @Test
    void paymentFailureWithEverything() {
        String text = "您好，我5月3日下午3点左右用尾号6789的银行卡付款￥１,２００.５０，页面提示“支付失败”但钱被扣了。"
                + "订单号：TX-2024-0503-001。我的手机１３８-１２３４-５６７８，邮箱 Zhang.San@Example.CN。";
        Entities e = EXTRACTOR.extract(text, RECEIVED);

        assertThat(e.amounts()).singleElement().satisfies(a -> {
            assertThat(a.value()).isEqualByComparingTo("1200.50");
            assertThat(a.text()).isEqualTo("￥１,２００.５０");
        });
        assertThat(e.references()).extracting(Reference::kind, Reference::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order", "TX-2024-0503-001"));
        assertThat(e.dates()).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo("5月3日下午3点");
            assertThat(d.date()).isEqualTo(LocalDate.of(2024, 5, 3));
            assertThat(d.time()).isEqualTo(LocalTime.of(15, 0));
        });
        assertThat(e.cardLast4()).containsExactly("6789");
        assertThat(e.phones()).containsExactly("+8613812345678");
        assertThat(e.emails()).containsExactly("Zhang.San@example.cn");
    }

    @Test
    void englishDispute() {
        String text = "Hi, I was charged twice on May 3rd at 3:30pm for order #A1234567, $25.99 each. "
                + "Card ending in 4242. Call me at +1 415 555 2671 or email john.doe@gmail.com.";
        Entities e = EXTRACTOR.extract(text, RECEIVED);

        assertThat(e.amounts()).extracting(Amount::value, Amount::currency)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(new BigDecimal("25.99"), "USD"));
        assertThat(e.references()).extracting(Reference::value).containsExactly("A1234567");
        assertThat(e.dates()).singleElement().satisfies(d -> {
            assertThat(d.date()).isEqualTo(LocalDate.of(2024, 5, 3));
            assertThat(d.time()).isEqualTo(LocalTime.of(15, 30));
        });
        assertThat(e.cardLast4()).containsExactly("4242");
        assertThat(e.phones()).containsExactly("+14155552671");
        assertThat(e.emails()).containsExactly("john.doe@gmail.com");
    }

    @Test
    void positionsPointIntoTheOriginalTextEvenAfterExpandingCharacters() {
        // ㎏ and ½ each become several chars under NFKC; everything after them must still line up
        String text = "买了2㎏，½价，付了￥１００，订单号ＡＢ１２３４５６";
        Entities e = EXTRACTOR.extract(text);
        Amount a = e.amounts().get(0);
        assertThat(text.substring(a.start(), a.end())).isEqualTo("￥１００").isEqualTo(a.text());
        Reference r = e.references().get(0);
        assertThat(text.substring(r.start(), r.end())).isEqualTo("订单号ＡＢ１２３４５６").isEqualTo(r.text());
        assertThat(r.value()).isEqualTo("AB123456");
    }

    @Test
    void nullAndBlankGiveNone() {
        assertThat(EXTRACTOR.extract(null)).isSameAs(Entities.none());
        assertThat(EXTRACTOR.extract("")).isSameAs(Entities.none());
        assertThat(EXTRACTOR.extract(" \n\t\u3000", RECEIVED)).isSameAs(Entities.none());
        assertThat(Entities.none().isEmpty()).isTrue();
        assertThat(EXTRACTOR.extract("你好，请问怎么注销账户？").isEmpty()).isTrue();
        assertThat(EXTRACTOR.extract("100元").isEmpty()).isFalse();
    }

    @Test
    void oddInputDoesNotThrow() {
        for (String s : List.of("\uD800", "\uDC00abc", "￥", "交易号", "+", "@", "尾号", "5月", "下午", "¥¥¥¥",
                "9".repeat(5000), "a@".repeat(5000), "交易号".repeat(3000), "1,".repeat(5000))) {
            assertThat(EXTRACTOR.extract(s, RECEIVED)).isNotNull();
        }
    }

    @Test
    void listsAreImmutableAndNeverNull() {
        Entities e = new Entities(null, null, null, null, null, null);
        assertThat(e.amounts()).isEmpty();
        assertThat(e.isEmpty()).isTrue();
        Entities found = EXTRACTOR.extract("100元");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> found.amounts().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void serializesToCleanJson() throws Exception {
        Entities e = EXTRACTOR.extract("昨天下午3点充值100.50元失败，交易号TX20240503", RECEIVED);
        String json = Json.mapper().writeValueAsString(e);
        JsonNode node = Json.mapper().readTree(json);

        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("amounts", "references", "dates", "phones", "emails", "cardLast4");
        assertThat(node.at("/amounts/0/value").decimalValue()).isEqualByComparingTo("100.50");
        assertThat(node.at("/amounts/0/currency").asText()).isEqualTo("CNY");
        assertThat(node.at("/dates/0/date").asText()).isEqualTo("2024-05-03");
        assertThat(node.at("/dates/0/time").asText()).isEqualTo("15:00:00");
        assertThat(node.at("/references/0/kind").asText()).isEqualTo("transaction");

        assertThat(Json.mapper().readValue(json, Entities.class)).isEqualTo(e);
    }

    @Test
    void threadSafe() throws Exception {
        String text = "我5月3日下午3点充值了500元，交易号20240503123456，手机13812345678，尾号1234";
        Entities expected = EXTRACTOR.extract(text, RECEIVED);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Entities>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> EXTRACTOR.extract(text, RECEIVED)));
            }
            for (Future<Entities> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(10)
    void largeAndAdversarialInputStaysFast() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            big.append("交易号TX").append(i).append("123456 充值").append(i).append("元 5月3日下午3点 ");
            big.append("a.b.c.d.e.f.g.h@").append("x-".repeat(20)).append(' ');
            big.append("+1 2 3 4 5 6 7 8 9 ").append("********");
        }
        long t0 = System.nanoTime();
        Entities e = EXTRACTOR.extract(big.toString(), RECEIVED);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(e.references()).isNotEmpty();
        assertThat(millis).isLessThan(5_000);
    }
}
