package org.inboundrouter.classify.entity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each pattern guarded by {@link GuardedPattern} finds exactly what its unguarded form finds: same matches, same groups,
 * on random texts made of the pieces the pattern itself is written with. A start left out of a guard makes the
 * matches that start that way disappear here.
 */
class GuardedPatternTest {

    private static final int TEXTS = 20_000;
    /** Whole matches of the patterns, mixed into the random texts so that every pattern matches often. */
    private static final String[] EXAMPLES = {"2024-05-03", "2024/5/3", "2024年5月3日", "2024 年 五月 三号", "05/03/2024",
        "3.5.2024", "5月3日", "去年12月30日", "五月三号", "下午3点半", "十二点一刻", "15:04:05",
        "3:30 pm", "8am", "昨天", "yesterday", "last night", "3天前", "三天之前", "2 days ago", "上周一", "上個禮拜天",
        "last Friday", " May 3rd, 2024", " jan 5", " Sept 30", " December 25th", " Aug. 1", " 3 May 2024", " 21st of March", " 5 june,", "交易号：TX20240503", "交易流水号 2024050312345", "order number is 123456",
        "ref# AB12345", "订单里的2024050312345678901", "transaction 1234567890123456", "尾号1234", "卡号的最后四位是5678",
        "ending in 1234", "last 4 digits of my card are 4321", "****1234", "••4321", "13812345678", "+86 138 1234 5678",
        "(86)13912345678", "008613812345678", "+14155552671", "+44 20 7946 0958", "¥100", "RMB 1,000.50", "US$12.50",
        "100元", "1.5万", "两千块", "人民币500元", "12.50 USD", "三块五"};

    private record Guarded(String name, GuardedPattern pattern) {
        String regex() {
            return pattern.pattern().pattern();
        }
    }

    private static List<Guarded> guarded() {
        return List.of(
                new Guarded("AMOUNT", AmountFinder.AMOUNT),
                new Guarded("TIME", DateFinder.TIME),
                new Guarded("ISO", DateFinder.ISO),
                new Guarded("CN_YMD", DateFinder.CN_YMD),
                new Guarded("NUMERIC_DMY", DateFinder.NUMERIC_DMY),
                new Guarded("CN_MD", DateFinder.CN_MD),
                new Guarded("RELATIVE_DAY", DateFinder.RELATIVE_DAY),
                new Guarded("DAYS_AGO", DateFinder.DAYS_AGO),
                new Guarded("LAST_WEEKDAY", DateFinder.LAST_WEEKDAY),
                new Guarded("EN_MONTH_DAY", DateFinder.EN_MONTH_DAY),
                new Guarded("EN_DAY_MONTH", DateFinder.EN_DAY_MONTH),
                new Guarded("LABELLED", ReferenceFinder.LABELLED),
                new Guarded("NEAR_WORD", ReferenceFinder.NEAR_WORD),
                new Guarded("CARD_TAIL", CardTailFinder.CARD_TAIL),
                new Guarded("CN_MOBILE", PhoneFinder.CN_MOBILE),
                new Guarded("E164", PhoneFinder.E164));
    }

    @Test
    void everyGuardedPatternFindsWhatItsUnguardedFormFinds() {
        for (Guarded g : guarded()) {
            Pattern plain = Pattern.compile(g.regex(), g.pattern().pattern().flags());
            List<String> pieces = pieces(g.regex());
            Random random = new Random(g.name().hashCode());
            int matched = 0;
            for (int i = 0; i < TEXTS; i++) {
                String text = text(pieces, random);
                List<String> expected = matches(plain, text);
                assertThat(matches(g.pattern(), text)).as("%s on \"%s\"", g.name(), text).isEqualTo(expected);
                matched += expected.isEmpty() ? 0 : 1;
            }
            // the texts must exercise the pattern, or the comparison proves nothing
            assertThat(matched).as("%s: texts with a match", g.name()).isGreaterThan(TEXTS / 100);
        }
    }

    @Test
    void aGuardThatLeavesOutAStartCharIsCaught() {
        String relativeDay = DateFinder.RELATIVE_DAY.pattern().pattern();
        Pattern plain = Pattern.compile(relativeDay, Pattern.CASE_INSENSITIVE);
        GuardedPattern incomplete = new GuardedPattern("大前昨今明tl", relativeDay,
                Pattern.CASE_INSENSITIVE);

        assertThat(matches(incomplete, "yesterday 3pm")).isNotEqualTo(matches(plain, "yesterday 3pm"));
        assertThat(matches(incomplete, "Today 3pm")).isEqualTo(matches(plain, "Today 3pm"));
    }

    @Test
    void aGuardThatLeavesOutAnAnchorCharIsCaught() {
        String daysAgo = DateFinder.DAYS_AGO.pattern().pattern();
        Pattern plain = Pattern.compile(daysAgo, Pattern.CASE_INSENSITIVE);
        GuardedPattern incomplete = new GuardedPattern("0-9一二两兩三四五六七八九十", "前", daysAgo,
                Pattern.CASE_INSENSITIVE);

        assertThat(matches(incomplete, "3 days ago")).isNotEqualTo(matches(plain, "3 days ago")).isEmpty();
        assertThat(matches(incomplete, "3天前")).isEqualTo(matches(plain, "3天前")).hasSize(1);
    }

    @Test
    void matchesStartingBeforeTheLastAnchorCharAreFoundAndNoneAfterIt() {
        // tries stop after the last anchor: 5月3日's match starts before its 月, 3天前's before its 前, and the
        // trailing 3天 (no 前 after it) gives nothing, as with find()
        assertThat(matches(DateFinder.CN_MD, "5月3日")).hasSize(1);
        assertThat(matches(DateFinder.DAYS_AGO, "3天前 3天")).containsExactly(matches(
                Pattern.compile(DateFinder.DAYS_AGO.pattern().pattern(), Pattern.CASE_INSENSITIVE), "3天前 3天")
                .toArray(String[]::new));
    }

    /** Every match of find(): where, and what each group holds. */
    private static List<String> matches(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(describe(m));
        }
        return out;
    }

    private static List<String> matches(GuardedPattern pattern, String text) {
        List<String> out = new ArrayList<>();
        GuardedPattern.Scan scan = pattern.scan(text);
        while (scan.find()) {
            out.add(describe(scan.matcher()));
        }
        return out;
    }

    private static String describe(Matcher m) {
        StringBuilder sb = new StringBuilder().append(m.start()).append('-').append(m.end());
        for (int g = 1; g <= m.groupCount(); g++) {
            sb.append('|').append(m.group(g));
        }
        return sb.toString();
    }

    /**
     * The regex's own literal runs (CJK and Latin words, in their case and upper case), cut at random, plus digits,
     * numbers and the separators and symbols the patterns use.
     */
    private static List<String> pieces(String regex) {
        Set<String> pieces = new LinkedHashSet<>();
        Matcher words = Pattern.compile("[\\p{IsHan}]+|[A-Za-z]{2,}").matcher(regex.replaceAll("\\\\[a-zA-Z]", " "));
        while (words.find()) {
            String w = words.group();
            pieces.add(w);
            pieces.add(w.toUpperCase(java.util.Locale.ROOT));
            for (int cut = 1; cut < w.length(); cut++) {
                pieces.add(w.substring(0, cut));
                pieces.add(w.substring(cut));
            }
        }
        for (String s : new String[] {"0", "1", "3", "5", "8", "9", "12", "30", "86", "2024", "139", "1234", "5678",
                "13812345678", "8613812345678", "2024050312345678901", "TX-2024-0001", " ", "  ", "\t", ":", ".", ",",
                "-", "/", "(", ")", "+", "*", "**", "•", "#", "$", "¥", "€", "£", "@", "元", "块", "号", "月", "日",
                "年", "点", "半", "万", "天", "前", "一", "二", "两", "十", "第", "几", "的", "是", "is", "of", "am",
                "pm", "a", "x", "Z", "\n", "。", "5月", "3日", "3号", "十二月", "三十号", "3点", "3:30", "ending in ",
                "last 4 digits ", "尾号", "交易号:", "order no. ", "ref# ", "+86 ", "(86)", "3 days ago", "last monday",
                "May 3", "100元", "RMB 100", "US$12.50"}) {
            pieces.add(s);
        }
        return new ArrayList<>(pieces);
    }

    private static String text(List<String> pieces, Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(random.nextInt(4) == 0 ? EXAMPLES[random.nextInt(EXAMPLES.length)]
                    : pieces.get(random.nextInt(pieces.size())));
        }
        return sb.toString();
    }
}
