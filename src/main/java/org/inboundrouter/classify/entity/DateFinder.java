package org.inboundrouter.classify.entity;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and times: when the user says the transaction happened.
 *
 * <p>Works in two steps. First it finds date parts (2024年5月3日, 5月3号, 2024-05-03, 05/03/2024, May 3, 3 May 2024,
 * 昨天, yesterday, 3天前, 上周一, last Monday) and time parts (15:04, 15:04:05, 下午3点半, 晚上8点, 3:30 pm, and a bare
 * 下午 / 早上); then it joins a date part with a time part that follows it closely (5月3日下午3点, 2024-05-03 15:04,
 * yesterday at 3pm, 今天早上) into one mention. A time part with no date part becomes a mention with only a time; a
 * bare 下午 with no date part is dropped.
 *
 * <p>Choices, so that nobody has to guess:
 * <ul>
 *   <li>Relative dates (昨天, yesterday, 3天前, 上周一, and dates without a year such as 5月3日 or May 3) are resolved
 *       against the local date of {@code receivedAt}; without it their date is null. They are marked relative.</li>
 *   <li>A date without a year is the latest such day that is at most 31 days after receivedAt: users mostly describe
 *       the past, but "5月10日前" may be a deadline a few days ahead.</li>
 *   <li>nn/nn/yyyy (also with - or .) is read as month/day when the second number is over 12 and as day/month when
 *       the first is; when both are 12 or less and differ (05/03/2024) the order is unknowable (US vs. Hong Kong,
 *       UK) and the date is left null, the text still reported. yyyy-mm-dd and yyyy/m/d are always year-month-day.</li>
 *   <li>下午 and 傍晚 add 12 hours to 1-11; 晚上 too, and 晚上12点 is midnight; 夜里/深夜/半夜 add 12 only to 6-11
 *       (夜里2点 is 02:00); 中午1点 is 13:00; 凌晨, 早上, 上午 keep the hour (凌晨12点 is 00:00).</li>
 *   <li>"last Monday" is the latest Monday before receivedAt's day; 上周一 is Monday of the previous (Monday-first)
 *       week.</li>
 *   <li>Hours in Chinese numerals (三点) count only after a period word (下午三点): alone, 一点 and 两点 mean "a
 *       little" and "two points" as often as a time. 第1点 (point 1 of a list) is no time either.</li>
 * </ul>
 */
final class DateFinder {

    /* A month or day in ASCII or Chinese numerals: 5, 12, 五, 十二, 三十一. */
    private static final String NUM = "[0-9]{1,2}|[一二三四五六七八九十]{1,3}";
    private static final String MONTH_NAME = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?"
            // "May" must be capitalized: "you may 3 times" is not a date
            + "|(?-i:May|MAY)|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    /* An hour: also 两 (两点 is 2:00; 二点 is not said) */
    private static final String HOUR = "[0-9]{1,2}|[零一二两兩三四五六七八九十]{1,3}";
    private static final String ORDINAL = "(?:st|nd|rd|th)?";

    /*
     * Each pattern names the chars its matches start with, and most also chars of which each match holds one
     * (GuardedPattern): a message with no 月, 年, 前, 点, : or date separator skips those patterns altogether.
     */

    /* 2024-05-03, 2024/5/3, 2024.05.03 (the same separator twice) */
    static final GuardedPattern ISO = new GuardedPattern("0-9", "-/.",
            "(?<![0-9])(?<y>[0-9]{4})(?<sep>[-/.])(?<m>[0-9]{1,2})\\k<sep>(?<d>[0-9]{1,2})(?![0-9])", 0);
    /* 2024年5月3日, 2024年5月3号, 2024年五月三日 */
    static final GuardedPattern CN_YMD = new GuardedPattern("0-9", "年",
            "(?<![0-9])(?<y>[0-9]{4})[ \\t]*年[ \\t]*(?<m>" + NUM + ")[ \\t]*月[ \\t]*(?<d>" + NUM + ")[ \\t]*[日号號]", 0);
    /* 05/03/2024, 3-5-2024, 03.05.2024: day and month order decided in code */
    static final GuardedPattern NUMERIC_DMY = new GuardedPattern("0-9", "-/.",
            "(?<![0-9/.-])(?<a>[0-9]{1,2})(?<sep>[-/.])(?<b>[0-9]{1,2})\\k<sep>(?<y>[0-9]{4})(?![0-9])", 0);
    /* 3 May 2024, 3rd of May, 3 May; a match starts with the day */
    static final GuardedPattern EN_DAY_MONTH = new GuardedPattern("0-9", "jfmasond",
            "\\b(?<d>[0-9]{1,2})" + ORDINAL + "[ \\t]+(?:of[ \\t]+)?(?<mon>" + MONTH_NAME + ")\\b\\.?"
                    + "(?:,?[ \\t]*(?<y>[0-9]{4})\\b)?", Pattern.CASE_INSENSITIVE);
    /* May 3, May 3rd, May 3, 2024; a match starts with a month name */
    static final GuardedPattern EN_MONTH_DAY = new GuardedPattern("jfmasond",
            "\\b(?<mon>" + MONTH_NAME + ")\\.?[ \\t]+(?<d>[0-9]{1,2})" + ORDINAL + "\\b"
                    + "(?:,?[ \\t]*(?<y>[0-9]{4})\\b)?", Pattern.CASE_INSENSITIVE);
    /* 5月3日, 5月3号, 五月三号, 去年12月30日; a match starts with 去年/今年/前年 or the month number */
    static final GuardedPattern CN_MD = new GuardedPattern("去今前0-9一二三四五六七八九十", "月",
            "(?<yr>去年|今年|前年)?(?<![0-9一二三四五六七八九十])(?<m>" + NUM + ")[ \\t]*月[ \\t]*(?<d>" + NUM
                    + ")[ \\t]*[日号號]", 0);
    /*
     * 昨天, 前天, 今天, yesterday, last night... (longest first: 大前天 before 前天); a match starts with the first chars
     * of the words
     */
    static final GuardedPattern RELATIVE_DAY = new GuardedPattern("大前昨今明ytl",
            "大前天|前天|昨天|昨日|昨晚|昨夜|今天|今日|今早|今晚|明天|明日"
                    + "|\\b(?:yesterday|today|tonight|tomorrow|last[ \\t]+night|this[ \\t]+(?:morning|afternoon|evening))\\b",
            Pattern.CASE_INSENSITIVE);
    /* 3天前, 三天前, 3 days ago; a match starts with the number of days */
    static final GuardedPattern DAYS_AGO = new GuardedPattern("0-9一二两兩三四五六七八九十", "前g",
            "(?<n>[0-9]{1,2}|[一二两兩三四五六七八九十]{1,3})[ \\t]*天(?:之)?前|\\b(?<en>[0-9]{1,2})[ \\t]+days?[ \\t]+ago\\b",
            Pattern.CASE_INSENSITIVE);
    /* 上周一, 上星期五, 上礼拜天, last Monday; a match starts with 上 or last */
    static final GuardedPattern LAST_WEEKDAY = new GuardedPattern("上l",
            "上(?:个|個)?(?:周|週|星期|礼拜|禮拜)(?<zh>[一二三四五六日天])"
                    + "|\\blast[ \\t]+(?<en>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final String PERIOD = "凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜裡|夜间|夜間|半夜|深夜";
    /*
     * A time part: an optional period word then a clock (3:30 pm / 15:04(:05) / 3点半, 3点15分, 十二点), or a period
     * word alone (kept only when it follows a date: 今天早上). A match starts with a period word, an ASCII digit or a
     * Chinese hour.
     */
    static final GuardedPattern TIME = new GuardedPattern("凌清早上中下傍晚夜半深0-9零一二两兩三四五六七八九十",
            "m:点點时時晨上午晚夜",
            "(?:(?<period>" + PERIOD + ")[ \\t]*)?(?:"
                    + "(?<![0-9:.])(?<ah>[0-9]{1,2})(?::(?<am>[0-9]{2}))?[ \\t]?(?<ampm>[ap])\\.?m\\b\\.?"
                    + "|(?<![0-9:.])(?<h>[0-9]{1,2}):(?<m>[0-9]{2})(?::(?<s>[0-9]{2}))?(?![0-9]|:[0-9])"
                    + "|(?<![0-9.第])(?<ch>" + HOUR + ")[ \\t]*[点點时時](?:[ \\t]*(?:(?<half>半)|(?<quarter>一刻|三刻)"
                    + "|(?<cm>[0-9]{1,2})(?![0-9])(?:[ \\t]*分)?|(?<cmz>[一二三四五六七八九十]{1,3})分))?"
                    + ")|(?<periodOnly>" + PERIOD + ")",
            Pattern.CASE_INSENSITIVE);

    /* What may stand between a date part and its time part: 5月3日 下午3点, May 3, at 3pm, 昨天大约8点, ...T15:04 */
    private static final Pattern GAP = Pattern.compile(
            "T|[ \\t,]*(?:(?:at|around|about|on|的|约|約|大约|大約|大概)[ \\t]*)?", Pattern.CASE_INSENSITIVE);
    private static final int MAX_GAP = 10;

    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 2100;
    /* A year-less date may be this many days after receivedAt before it is taken as last year's. */
    private static final int FUTURE_TOLERANCE_DAYS = 31;

    /** A date part; {@code resolve} maps receivedAt's date (maybe null) to the date (maybe null). */
    private record DatePart(int start, int end, Function<LocalDate, LocalDate> resolve, boolean relative,
                            String impliedPeriod) {
    }

    /** A time part as written; the hour is adjusted for its period (or the date's, 昨晚) when joined. */
    private record TimePart(int start, int end, String period, int hour, int minute, int second, String ampm,
                            boolean periodOnly) {
    }

    List<DateTimeMention> find(NormalizedText nt, Claims claims, LocalDate anchor) {
        String text = nt.text();
        List<DatePart> dates = new ArrayList<>();
        findDates(text, claims, dates);
        List<TimePart> times = findTimes(text, claims);
        dates.sort(Comparator.comparingInt(DatePart::start));

        List<DateTimeMention> mentions = new ArrayList<>();
        boolean[] used = new boolean[times.size()];
        int next = 0; // both lists are in text order: one forward pass pairs them
        for (DatePart d : dates) {
            while (next < times.size() && times.get(next).start() < d.end()) {
                next++;
            }
            int end = d.end();
            LocalTime time = null;
            int t = next < times.size() && closelyFollows(text, d.end(), times.get(next)) ? next : -1;
            if (t >= 0) {
                TimePart tp = times.get(t);
                used[t] = true;
                end = tp.end();
                time = tp.periodOnly() ? null : toTime(tp, d.impliedPeriod());
            }
            claims.claim(d.start(), end);
            mentions.add(mention(nt, d.start(), end, d.resolve().apply(anchor), time, d.relative()));
        }
        for (int i = 0; i < times.size(); i++) {
            TimePart tp = times.get(i);
            if (used[i] || tp.periodOnly()) {
                continue;
            }
            LocalTime time = toTime(tp, null);
            if (time != null) {
                claims.claim(tp.start(), tp.end());
                mentions.add(mention(nt, tp.start(), tp.end(), null, time, false));
            }
        }
        mentions.sort(Comparator.comparingInt(DateTimeMention::start));
        return dedupe(mentions);
    }

    // ---- date parts ------------------------------------------------------------------------------------------

    private static void findDates(String text, Claims claims, List<DatePart> out) {
        // Most specific first; each claims its span so the later, looser patterns skip it (5月3日 inside 2024年5月3日).
        Matcher m;
        GuardedPattern.Scan iso = ISO.scan(text);
        while (iso.find()) {
            m = iso.matcher();
            absolute(out, claims, m, year(m.group("y")), Integer.parseInt(m.group("m")), Integer.parseInt(m.group("d")));
        }
        GuardedPattern.Scan cnYmd = CN_YMD.scan(text);
        while (cnYmd.find()) {
            m = cnYmd.matcher();
            absolute(out, claims, m, year(m.group("y")), ChineseNumerals.smallNumber(m.group("m")),
                    ChineseNumerals.smallNumber(m.group("d")));
        }
        GuardedPattern.Scan numeric = NUMERIC_DMY.scan(text);
        while (numeric.find()) {
            m = numeric.matcher();
            numeric(out, claims, m);
        }
        for (GuardedPattern p : List.of(EN_DAY_MONTH, EN_MONTH_DAY)) {
            GuardedPattern.Scan english = p.scan(text);
            while (english.find()) {
                m = english.matcher();
                int month = monthNumber(m.group("mon"));
                int day = Integer.parseInt(m.group("d"));
                if (m.group("y") != null) {
                    absolute(out, claims, m, year(m.group("y")), month, day);
                } else {
                    yearless(out, claims, m, month, day, null);
                }
            }
        }
        GuardedPattern.Scan cnMd = CN_MD.scan(text);
        while (cnMd.find()) {
            m = cnMd.matcher();
            Integer yearOffset = m.group("yr") == null ? null : switch (m.group("yr")) {
                case "去年" -> -1;
                case "前年" -> -2;
                default -> 0;
            };
            yearless(out, claims, m, ChineseNumerals.smallNumber(m.group("m")), ChineseNumerals.smallNumber(m.group("d")),
                    yearOffset);
        }
        GuardedPattern.Scan relativeDay = RELATIVE_DAY.scan(text);
        while (relativeDay.find()) {
            m = relativeDay.matcher();
            String word = m.group().toLowerCase(Locale.ROOT).replaceAll("[ \\t]+", " ");
            int offset = switch (word) {
                case "大前天" -> -3;
                case "前天" -> -2;
                case "昨天", "昨日", "昨晚", "昨夜", "yesterday", "last night" -> -1;
                case "明天", "明日", "tomorrow" -> 1;
                default -> 0;
            };
            String implied = switch (word) {
                case "昨晚", "昨夜", "今晚", "tonight", "last night", "this evening" -> "晚上";
                case "今早", "this morning" -> "早上";
                case "this afternoon" -> "下午";
                default -> null;
            };
            relative(out, claims, m, a -> a.plusDays(offset), implied);
        }
        GuardedPattern.Scan daysAgo = DAYS_AGO.scan(text);
        while (daysAgo.find()) {
            m = daysAgo.matcher();
            int n = ChineseNumerals.smallNumber(m.group("n") != null ? m.group("n") : m.group("en"));
            if (n > 0) {
                relative(out, claims, m, a -> a.minusDays(n), null);
            }
        }
        GuardedPattern.Scan lastWeekday = LAST_WEEKDAY.scan(text);
        while (lastWeekday.find()) {
            m = lastWeekday.matcher();
            if (m.group("zh") != null) {
                int dow = "一二三四五六".indexOf(m.group("zh")) + 1; // 日/天 give 0: Sunday
                DayOfWeek day = DayOfWeek.of(dow == 0 ? 7 : dow);
                relative(out, claims, m, a -> a.minusWeeks(1).with(day), null);
            } else {
                DayOfWeek day = DayOfWeek.valueOf(m.group("en").toUpperCase(Locale.ROOT));
                relative(out, claims, m, a -> a.with(TemporalAdjusters.previous(day)), null);
            }
        }
    }

    private static void absolute(List<DatePart> out, Claims claims, Matcher m, int year, int month, int day) {
        LocalDate date = date(year, month, day);
        if (date != null && !claims.overlaps(m.start(), m.end())) {
            claims.claim(m.start(), m.end());
            out.add(new DatePart(m.start(), m.end(), a -> date, false, null));
        }
    }

    private static void yearless(List<DatePart> out, Claims claims, Matcher m, int month, int day,
                                 Integer yearOffset) {
        if (month < 1 || month > 12 || day < 1 || day > MonthDay.of(month, 1).getMonth().maxLength()) {
            return;
        }
        MonthDay md = MonthDay.of(month, day);
        relative(out, claims, m, a -> yearOffset != null ? atYear(md, a.getYear() + yearOffset) : latest(md, a), null);
    }

    private static void relative(List<DatePart> out, Claims claims, Matcher m,
                                 Function<LocalDate, LocalDate> fromAnchor, String impliedPeriod) {
        if (claims.overlaps(m.start(), m.end())) {
            return;
        }
        claims.claim(m.start(), m.end());
        out.add(new DatePart(m.start(), m.end(), a -> a == null ? null : fromAnchor.apply(a), true, impliedPeriod));
    }

    /** nn/nn/yyyy: see the class comment for how day and month are told apart. */
    private static void numeric(List<DatePart> out, Claims claims, Matcher m) {
        int a = Integer.parseInt(m.group("a"));
        int b = Integer.parseInt(m.group("b"));
        int year = year(m.group("y"));
        if (a > 12 && b <= 12) {
            absolute(out, claims, m, year, b, a);
        } else if (b > 12 && a <= 12 || a == b) {
            absolute(out, claims, m, year, a, b);
        } else if (a >= 1 && b >= 1 && a <= 12 && b <= 12 && year > 0 && !claims.overlaps(m.start(), m.end())) {
            claims.claim(m.start(), m.end()); // ambiguous: report the text, not a guess
            out.add(new DatePart(m.start(), m.end(), x -> null, false, null));
        }
    }

    /** The latest occurrence of a month-day that is not too far after the anchor. */
    private static LocalDate latest(MonthDay md, LocalDate anchor) {
        LocalDate limit = anchor.plusDays(FUTURE_TOLERANCE_DAYS);
        for (int y = anchor.getYear() + 1; y >= anchor.getYear() - 4; y--) { // -4: 2月29日 needs a leap year
            LocalDate d = atYear(md, y);
            if (d != null && !d.isAfter(limit)) {
                return d;
            }
        }
        return null;
    }

    private static LocalDate atYear(MonthDay md, int year) {
        return md.isValidYear(year) ? md.atYear(year) : null;
    }

    private static LocalDate date(int year, int month, int day) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int year(String digits) {
        return Integer.parseInt(digits);
    }

    private static int monthNumber(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String[] prefixes = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int i = 0; i < prefixes.length; i++) {
            if (n.startsWith(prefixes[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    // ---- time parts ------------------------------------------------------------------------------------------

    private static List<TimePart> findTimes(String text, Claims claims) {
        List<TimePart> out = new ArrayList<>();
        GuardedPattern.Scan scan = TIME.scan(text);
        while (scan.find()) {
            Matcher m = scan.matcher();
            if (claims.overlaps(m.start(), m.end())) {
                continue;
            }
            TimePart part = timePart(m);
            if (part != null && (part.periodOnly() || toTime(part, null) != null)) {
                out.add(part);
            }
        }
        return out;
    }

    /** What one TIME match says, or null when it is no time after all. */
    private static TimePart timePart(Matcher m) {
        if (m.group("periodOnly") != null) {
            return new TimePart(m.start(), m.end(), m.group("periodOnly"), -1, 0, 0, null, true);
        }
        String period = m.group("period");
        if (m.group("ampm") != null) {
            int minute = m.group("am") == null ? 0 : Integer.parseInt(m.group("am"));
            return new TimePart(m.start(), m.end(), period, Integer.parseInt(m.group("ah")), minute, 0,
                    m.group("ampm").toLowerCase(Locale.ROOT), false);
        }
        if (m.group("h") != null) {
            int second = m.group("s") == null ? 0 : Integer.parseInt(m.group("s"));
            return new TimePart(m.start(), m.end(), period, Integer.parseInt(m.group("h")),
                    Integer.parseInt(m.group("m")), second, null, false);
        }
        String hour = m.group("ch");
        if (period == null && !Character.isDigit(hour.charAt(0))) {
            return null; // 一点 / 两点 without 下午: "a little", "two points"
        }
        int minute = 0;
        if (m.group("half") != null) {
            minute = 30;
        } else if (m.group("quarter") != null) {
            minute = m.group("quarter").equals("一刻") ? 15 : 45;
        } else if (m.group("cm") != null) {
            minute = Integer.parseInt(m.group("cm"));
        } else if (m.group("cmz") != null) {
            minute = ChineseNumerals.smallNumber(m.group("cmz"));
        }
        return new TimePart(m.start(), m.end(), period, ChineseNumerals.smallNumber(hour), minute, 0, null, false);
    }

    /** Whether a time part follows a date part ending at {@code end} with at most a few joining chars between. */
    private static boolean closelyFollows(String text, int end, TimePart t) {
        return t.start() - end <= MAX_GAP && GAP.matcher(text.substring(end, t.start())).matches();
    }

    /** The time of day, adjusted for its period word (or the date's: 昨晚8点); null if it is no valid time. */
    private static LocalTime toTime(TimePart t, String impliedPeriod) {
        int h = t.hour();
        if (t.ampm() != null) {
            if (h < 1 || h > 12) {
                return null;
            }
            h = t.ampm().equals("p") ? (h == 12 ? 12 : h + 12) : (h == 12 ? 0 : h);
        } else {
            String period = t.period() != null ? t.period() : impliedPeriod;
            if (period != null && h >= 0 && h <= 12) {
                h = withPeriod(period, h);
            }
        }
        if (h < 0 || h > 23 || t.minute() < 0 || t.minute() > 59 || t.second() > 59) {
            return null;
        }
        return LocalTime.of(h, t.minute(), t.second());
    }

    private static int withPeriod(String period, int h) {
        return switch (period) {
            case "下午", "傍晚" -> h >= 1 && h < 12 ? h + 12 : h;
            case "晚上" -> h == 12 ? 0 : h >= 1 ? h + 12 : h;
            case "夜里", "夜裡", "夜间", "夜間", "深夜", "半夜" -> h == 12 ? 0 : h >= 6 ? h + 12 : h;
            case "中午" -> h <= 3 ? h + 12 : h;
            case "凌晨" -> h == 12 ? 0 : h;
            default -> h; // 早上, 早晨, 清晨, 上午
        };
    }

    // ---- assembly --------------------------------------------------------------------------------------------

    private static DateTimeMention mention(NormalizedText nt, int start, int end, LocalDate date, LocalTime time,
                                           boolean relative) {
        return new DateTimeMention(nt.originalText(start, end), nt.originalStart(start), nt.originalEnd(end), date,
                time, relative);
    }

    /**
     * The same moment mentioned twice (昨天 ... yesterday, 5月3日 ... 2024-05-03) is kept once, first mention first.
     * A mention without a date is compared by its normalized text, so 5月3日 and 5月4日 stay apart without receivedAt.
     */
    private static List<DateTimeMention> dedupe(List<DateTimeMention> mentions) {
        Map<String, DateTimeMention> unique = new LinkedHashMap<>();
        for (DateTimeMention d : mentions) {
            String key = d.date() != null
                    ? d.date() + " " + d.time()
                    : "text " + Normalizer.normalize(d.text(), Normalizer.Form.NFKC);
            unique.putIfAbsent(key, d);
        }
        return new ArrayList<>(unique.values());
    }
}
