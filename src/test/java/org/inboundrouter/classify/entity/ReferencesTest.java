package org.inboundrouter.classify.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReferencesTest {

    private static final EntityExtractor EXTRACTOR = new EntityExtractor();

    private static List<Reference> references(String text) {
        return EXTRACTOR.extract(text).references();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            交易号20240503123456                | transaction | 20240503123456
            交易号：20240503123456              | transaction | 20240503123456
            交易号: TX20240503                  | transaction | TX20240503
            交易单号 ABC123456                  | transaction | ABC123456
            交易编号是 AB1234567                | transaction | AB1234567
            支付单号P0000001                    | transaction | P0000001
            交易流水号 987654321                | serial      | 987654321
            流水号:11112222                     | serial      | 11112222
            订单号 123456                       | order       | 123456
            订单号为O20240503001                | order       | O20240503001
            订单编号 A1B2C3D4                   | order       | A1B2C3D4
            单号 778899001                      | order       | 778899001
            商户单号M2024001                    | order       | M2024001
            交易號 T1234567                     | transaction | T1234567
            訂單號：O7654321                    | order       | O7654321
            單號 D1111111                       | order       | D1111111
            transaction id: TX998877            | transaction | TX998877
            Transaction ID is ABCD1234          | transaction | ABCD1234
            transaction no. 55667788            | transaction | 55667788
            transaction number 55667788         | transaction | 55667788
            txn id 55667788                     | transaction | 55667788
            order no. 12345678                  | order       | 12345678
            order number: 87654321              | order       | 87654321
            order #A12345                       | order       | A12345
            reference number REF12345           | reference   | REF12345
            reference: 99887766                 | reference   | 99887766
            ref: 99887766                       | reference   | 99887766
            Ref no. AB-1234-5678                | reference   | AB-1234-5678
            """)
    void labelled(String text, String kind, String value) {
        assertThat(references(text)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(kind);
            assertThat(r.value()).isEqualTo(value);
            assertThat(r.text()).isEqualTo(text.substring(r.start(), r.end()));
            assertThat(r.text()).endsWith(value);
        });
    }

    @Test
    void spanCoversLabelAndValue() {
        String text = "您好，交易号：20240503123456，谢谢";
        Reference r = references(text).get(0);
        assertThat(r.text()).isEqualTo("交易号：20240503123456");
        assertThat(r.start()).isEqualTo(3);
        assertThat(r.end()).isEqualTo(3 + r.text().length());
    }

    @Test
    void fullWidthValueIsNormalized() {
        String text = "订单号：ＴＸ２０２４０５０３";
        assertThat(references(text)).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo("TX20240503");
            assertThat(r.text()).isEqualTo(text);
        });
    }

    @Test
    void bareLongNumberNearTransactionWords() {
        String text = "交易记录里的 2024050312345678901 以及订单（1234567890123456）";
        assertThat(references(text)).satisfiesExactly(
                r -> {
                    assertThat(r.kind()).isEqualTo("transaction");
                    assertThat(r.value()).isEqualTo("2024050312345678901");
                    assertThat(r.text()).isEqualTo("2024050312345678901");
                },
                r -> {
                    assertThat(r.kind()).isEqualTo("order");
                    assertThat(r.value()).isEqualTo("1234567890123456");
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "order number please",                // no digit
            "交易号12345",                        // too short
            "交易卡号 6222021234567890123",        // a card number, not a transaction
            "I want a refund 12345678",           // "ref" inside "refund"
            "2024050312345678901",                // long number, no word near it
            "交易失败了。然后过了很久很久很久 2024050312345678901",
    })
    void notReferences(String text) {
        assertThat(references(text)).isEmpty();
    }

    @Test
    void sameValueTwiceIsKeptOnce() {
        assertThat(references("交易号TX123456，再说一遍交易号：TX123456，订单号 OD998877"))
                .extracting(Reference::value).containsExactly("TX123456", "OD998877");
    }

    @Test
    void anOrderNumberIsNeitherAPhoneNorAnAmount() {
        Entities e = EXTRACTOR.extract("订单号13812345678 金额 订单号 2024050313812345678");
        assertThat(e.references()).extracting(Reference::value).containsExactly("13812345678", "2024050313812345678");
        assertThat(e.phones()).isEmpty();
        assertThat(e.amounts()).isEmpty();
    }
}
