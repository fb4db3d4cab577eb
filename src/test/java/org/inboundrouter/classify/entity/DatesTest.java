package org.inboundrouter.classify.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DatesTest {

    private static final EntityExtractor EXTRACTOR = new EntityExtractor();
    /* A Saturday. */
    private static final ZonedDateTime RECEIVED = ZonedDateTime.of(2024, 5, 4, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai"));

    private static List<DateTimeMention> dates(String text) {
        return EXTRACTOR.extract(text, RECEIVED).dates();
    }

    /** One mention: its text, date (or empty), time (or empty) and whether it is relative. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2024年5月3日充值失败             | 2024年5月3日         | 2024-05-03 |          | false
            2024年5月3号                     | 2024年5月3号         | 2024-05-03 |          | false
            2024年五月三日                   | 2024年五月三日       | 2024-05-03 |          | false
            5月3日                           | 5月3日               | 2024-05-03 |          | true
            五月三号                         | 五月三号             | 2024-05-03 |          | true
            5月3号下午3点转的账              | 5月3号下午3点        | 2024-05-03 | 15:00    | true
            5月3日15:04                      | 5月3日15:04          | 2024-05-03 | 15:04    | true
            5月3日 下午3点半                 | 5月3日 下午3点半     | 2024-05-03 | 15:30    | true
            下午3点半                        | 下午3点半            |            | 15:30    | false
            晚上8点                          | 晚上8点              |            | 20:00    | false
            下午两点                         | 下午两点             |            | 14:00    | false
            上午10点15分                     | 上午10点15分         |            | 10:15    | false
            凌晨2点                          | 凌晨2点              |            | 02:00    | false
            中午12点                         | 中午12点             |            | 12:00    | false
            中午1点                          | 中午1点              |            | 13:00    | false
            晚上12点                         | 晚上12点             |            | 00:00    | false
            夜里2点                          | 夜里2点              |            | 02:00    | false
            今天                             | 今天                 | 2024-05-04 |          | true
            昨天                             | 昨天                 | 2024-05-03 |          | true
            前天                             | 前天                 | 2024-05-02 |          | true
            今天早上                         | 今天早上             | 2024-05-04 |          | true
            今天早上8点                      | 今天早上8点          | 2024-05-04 | 08:00    | true
            昨晚8点                          | 昨晚8点              | 2024-05-03 | 20:00    | true
            昨天下午3点                      | 昨天下午3点          | 2024-05-03 | 15:00    | true
            3天前                            | 3天前                | 2024-05-01 |          | true
            上周一                           | 上周一               | 2024-04-22 |          | true
            2024-05-03                       | 2024-05-03           | 2024-05-03 |          | false
            2024/5/3                         | 2024/5/3             | 2024-05-03 |          | false
            2024.05.03                       | 2024.05.03           | 2024-05-03 |          | false
            2024-05-03 15:04                 | 2024-05-03 15:04     | 2024-05-03 | 15:04    | false
            2024-05-03 15:04:05              | 2024-05-03 15:04:05  | 2024-05-03 | 15:04:05 | false
            2024-05-03T15:04:05              | 2024-05-03T15:04:05  | 2024-05-03 | 15:04:05 | false
            at 15:04 it failed               | 15:04                |            | 15:04    | false
            it failed yesterday              | yesterday            | 2024-05-03 |          | true
            today                            | today                | 2024-05-04 |          | true
            yesterday at 3pm                 | yesterday at 3pm     | 2024-05-03 | 15:00    | true
            last night                       | last night           | 2024-05-03 |          | true
            on May 3                         | May 3                | 2024-05-03 |          | true
            on May 3rd at 3:30 pm            | May 3rd at 3:30 pm   | 2024-05-03 | 15:30    | true
            on 3 May 2024                    | 3 May 2024           | 2024-05-03 |          | false
            on May 3, 2024                   | May 3, 2024          | 2024-05-03 |          | false
            last Monday                      | last Monday          | 2024-04-29 |          | true
            13/05/2024                       | 13/05/2024           | 2024-05-13 |          | false
            05/13/2024                       | 05/13/2024           | 2024-05-13 |          | false
            """)
    void forms(String text, String asWritten, LocalDate date, LocalTime time, boolean relative) {
        assertThat(dates(text)).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo(asWritten);
            assertThat(text.substring(d.start(), d.end())).isEqualTo(asWritten);
            assertThat(d.date()).isEqualTo(date);
            assertThat(d.time()).isEqualTo(time);
            assertThat(d.relative()).isEqualTo(relative);
        });
    }

    @Test
    void ambiguousDayMonthOrderLeavesTheDateUnknown() {
        assertThat(dates("05/03/2024")).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo("05/03/2024");
            assertThat(d.date()).isNull();
            assertThat(d.relative()).isFalse();
        });
        assertThat(dates("05/05/2024")).singleElement().extracting(DateTimeMention::date)
                .isEqualTo(LocalDate.of(2024, 5, 5));
    }

    @Test
    void relativeDatesWithoutReceivedAtHaveNoDate() {
        assertThat(EXTRACTOR.extract("昨天 5月3日 2024年5月3日").dates()).satisfiesExactly(
                d -> assertThat(d).extracting(DateTimeMention::date, DateTimeMention::relative).containsExactly(null, true),
                d -> assertThat(d).extracting(DateTimeMention::date, DateTimeMention::relative).containsExactly(null, true),
                d -> assertThat(d.date()).isEqualTo(LocalDate.of(2024, 5, 3)));
    }

    @Test
    void yearlessDatesTakeTheLatestPlausibleYear() {
        ZonedDateTime newYear = ZonedDateTime.of(2024, 1, 2, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
        assertThat(EXTRACTOR.extract("12月30日充值的", newYear).dates().get(0).date()).isEqualTo(LocalDate.of(2023, 12, 30));
        // a few days ahead is a deadline in this year
        assertThat(dates("请在5月10日前处理").get(0).date()).isEqualTo(LocalDate.of(2024, 5, 10));
        assertThat(dates("去年12月30日").get(0).date()).isEqualTo(LocalDate.of(2023, 12, 30));
    }

    @Test
    void theSameDayMentionedTwiceIsKeptOnce() {
        assertThat(dates("昨天（5月3日，2024-05-03）充值失败，yesterday")).extracting(DateTimeMention::text)
                .containsExactly("昨天");
        // a different time on the same day is a different mention
        assertThat(dates("5月3日 下午3点 还有 5月3日 晚上8点")).extracting(DateTimeMention::time)
                .containsExactly(LocalTime.of(15, 0), LocalTime.of(20, 0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "请快一点处理",            // 一点: a little
            "我有两点疑问",            // 两点: two points
            "第1点：钱没到账",         // point 1 of a list
            "You may 3 times try",    // may is a verb
            "订单号 20240503123456",  // a reference, not a date
            "2024年5月 充值",         // no day
            "13月45日",
            "2024-13-45",
    })
    void notDates(String text) {
        assertThat(dates(text)).isEmpty();
    }

    @Test
    void fullWidthDates() {
        String text = "２０２４年５月３日１５：０４";
        assertThat(dates(text)).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo(text);
            assertThat(d.date()).isEqualTo(LocalDate.of(2024, 5, 3));
            assertThat(d.time()).isEqualTo(LocalTime.of(15, 4));
        });
    }
}
