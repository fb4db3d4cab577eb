package org.inboundrouter.classify.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhonesEmailsCardsTest {

    private static final EntityExtractor EXTRACTOR = new EntityExtractor();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            手机号13812345678                | +8613812345678
            手机：+86 138 1234 5678          | +8613812345678
            +8613812345678                   | +8613812345678
            8613812345678                    | +8613812345678
            0086-138-1234-5678               | +8613812345678
            138-1234-5678                    | +8613812345678
            138 1234 5678                    | +8613812345678
            手机号１３８１２３４５６７８      | +8613812345678
            call me at +1 415 555 2671       | +14155552671
            +852 9123 4567                   | +85291234567
            +44-20-7946-0958                 | +442079460958
            """)
    void phones(String text, String normalized) {
        assertThat(EXTRACTOR.extract(text).phones()).containsExactly(normalized);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "2024050313812345678",   // inside a longer digit run
            "TX13812345678",         // inside an id
            "12812345678",           // 12x is no mobile prefix
            "+1234567",              // too short for E.164
            "13812345678@qq.com",    // an email's local part
    })
    void notPhones(String text) {
        assertThat(EXTRACTOR.extract(text).phones()).isEmpty();
    }

    @Test
    void anInternationalNumberStopsWhereTheAmountStarts() {
        Entities e = EXTRACTOR.extract("+852 9123 4567 100元");
        assertThat(e.phones()).containsExactly("+85291234567");
        assertThat(e.amounts()).extracting(Amount::text).containsExactly("100元");
    }

    @Test
    void phonesAreDeduplicatedAfterNormalizing() {
        assertThat(EXTRACTOR.extract("13812345678，也就是 +86 138-1234-5678，或 13912345678").phones())
                .containsExactly("+8613812345678", "+8613912345678");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            我的邮箱是test@example.com。          | test@example.com
            email: John.Doe@Gmail.COM.            | John.Doe@gmail.com
            邮箱 a.b+tag@mail.example.com.cn，谢谢 | a.b+tag@mail.example.com.cn
            ｔｅｓｔ＠ｅｘａｍｐｌｅ．ｃｏｍ      | test@example.com
            <zhangsan@example.cn>                 | zhangsan@example.cn
            13812345678@qq.com                    | 13812345678@qq.com
            """)
    void emails(String text, String normalized) {
        assertThat(EXTRACTOR.extract(text).emails()).containsExactly(normalized);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no at sign here", "user@localhost", "@example.com", "a@b.c"})
    void notEmails(String text) {
        assertThat(EXTRACTOR.extract(text).emails()).isEmpty();
    }

    @Test
    void emailsAreDeduplicatedByNormalizedForm() {
        assertThat(EXTRACTOR.extract("a@Example.com a@example.COM b@example.com").emails())
                .containsExactly("a@example.com", "b@example.com");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            银行卡尾号1234扣款了             | 1234
            尾號2345                         | 2345
            尾号为3456的卡                   | 3456
            卡号后四位4567                   | 4567
            后四位是5678                     | 5678
            末四位6789                       | 6789
            卡号的最后4位：7890              | 7890
            card ending in 1111              | 1111
            card ending with 2222            | 2222
            last 4 digits 3333               | 3333
            last four digits: 4444           | 4444
            the last 4 digits of my card are 5555 | 5555
            card ****6666                    | 6666
            6222 **** **** 7777              | 7777
            尾号８８８８                     | 8888
            """)
    void cardTails(String text, String last4) {
        Entities e = EXTRACTOR.extract(text);
        assertThat(e.cardLast4()).containsExactly(last4);
        assertThat(e.amounts()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"手机尾号5678", "尾号12345", "2024年", "ending in 2 days"})
    void notCardTails(String text) {
        assertThat(EXTRACTOR.extract(text).cardLast4()).isEmpty();
    }
}
