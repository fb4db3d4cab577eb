package org.inboundrouter.classify.entity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Money amounts: a number with a currency marker before it (¥100, RMB 100, US$12.50, €5, HK$100, 人民币100元) or
 * after it (100元, 100块钱, 12.50 USD, 5 EUR, 新台币100元), in ASCII digits (with thousands separators and decimals),
 * in Chinese numerals (一百元, 两千块, 三千五百元, 两块五毛) or mixed (1万元, 1.5万).
 *
 * <p>A bare number is never an amount: a marker is required, except for N万 / N亿, which in a wallet's support mail
 * means money (1.5万) unless a counter word follows (5万人). That is what keeps years (2024年), card tails (尾号1234)
 * and order numbers out; spans claimed earlier by the reference and card finders are skipped as well.
 */
final class AmountFinder {

    /* ASCII number: 1,000.00 or 1000 or 100.50; never the head of a longer digit run. */
    private static final String ARABIC = "(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?(?![0-9])";
    /* 1万, 1.5万, 3千, 5百 */
    private static final String MULTIPLIER = "[万萬千百亿億]";

    /* Longest first, so that US$ wins over $ and 新台币 over 台币. */
    private static final String PREFIX = "US\\$|HK\\$|NT\\$|\\$|¥|€|£"
            + "|RMB|CNY|USD|EUR|HKD|TWD|GBP|JPY"
            + "|人民币|人民幣|新台币|新台幣|台币|台幣|港币|港幣|美元|美金|欧元|歐元|英镑|英鎊|日元|日圓";
    private static final String SUFFIX_UNIT = "元(?:人民币|人民幣|钱|錢)?|块钱|塊錢|块|塊|圆|圓|円";
    /*
     * Currency names and codes. They can also start the next amount ("¥1,000 RMB 100"), so one directly followed by
     * a number is left to that amount. Letter codes must end at a word edge: 100 USDT is a crypto token, not dollars.
     */
    private static final String SUFFIX_NAME = "(?:人民币|人民幣|美元|美金|欧元|歐元|港元|港币|港幣|新台币|新台幣|台币|台幣"
            + "|英镑|英鎊|日元|日圓|(?:RMB|CNY|yuan|USD|dollars?|EUR|euros?|HKD|TWD|GBP|JPY)(?![A-Za-z]))"
            + "(?![ \\t]{0,2}[0-9])";
    private static final String SUFFIX = "(?:" + SUFFIX_UNIT + "|" + SUFFIX_NAME + ")";

    private static final String CN = "[" + ChineseNumerals.CHARS + "]";

    /* A match starts with a currency marker, an ASCII digit or a Chinese numeral. */
    static final GuardedPattern AMOUNT = new GuardedPattern("$¥€£人新台港美欧歐英日USHNRCETGJ0-9" + ChineseNumerals.CHARS,
            // 1: marker first (¥100, RMB 100, US$12.50, 人民币100元)
            "(?<![A-Za-z])(?<pre>" + PREFIX + ")[ \\t]{0,2}(?<n1>" + ARABIC + ")(?<m1>" + MULTIPLIER + ")?"
                    + "(?:[ \\t]{0,2}(?<s1>" + SUFFIX + "))?"
            // 2: ASCII digits, marker after (100元, 12.50 USD, 1万元) or a bare 1.5万
            + "|(?<![0-9A-Za-z.,])(?<n2>" + ARABIC + ")(?<m2>" + MULTIPLIER + ")?"
                    + "(?:[ \\t]{0,2}(?<s2>" + SUFFIX + "))?"
            // 3: Chinese numerals, marker after (一百元, 两千块). Not after 几/数/多: 几千元 is no number.
            + "|(?<![" + ChineseNumerals.CHARS + "几幾数數多])(?<n3>" + CN + "{1,20})[ \\t]?(?<s3>" + SUFFIX + ")",
            Pattern.CASE_INSENSITIVE);

    /* After 元/块: 5角, 5毛, 5毛2分 (explicit tenths and hundredths). */
    private static final Pattern JIAO_FEN = Pattern.compile(
            "(?<jiao>[0-9一二两兩三四五六七八九])[角毛](?:(?<fen>[0-9一二两兩三四五六七八九])分)?");
    /* After 块 in Chinese numerals: 三块五 is 3.5; only when nothing numeric or wordy follows the 五. */
    private static final Pattern KUAI_SHORTHAND = Pattern.compile(
            "(?<jiao>[一二两兩三四五六七八九])(?=$|[^\\p{IsHan}0-9A-Za-z]|[的钱錢了吧啊呢])");

    /* A bare N万 followed by one of these counts people, times or items, not money. */
    private static final String COUNTERS = "人个個次条條张張件位名户戶家步字粉";

    List<Amount> find(NormalizedText nt, Claims claims) {
        String text = nt.text();
        Map<String, Amount> found = new LinkedHashMap<>();
        GuardedPattern.Scan scan = AMOUNT.scan(text);
        while (scan.find()) {
            Matcher m = scan.matcher();
            Candidate c = read(m, text);
            if (c == null) {
                continue;
            }
            int end = m.end();
            if (c.tailAllowed()) {
                Matcher tail = JIAO_FEN.matcher(text).region(end, text.length());
                if (!tail.lookingAt() && c.chineseNumber() && c.suffix().matches("[块塊]")) {
                    tail = KUAI_SHORTHAND.matcher(text).region(end, text.length());
                }
                if (tail.lookingAt()) {
                    BigDecimal jiao = BigDecimal.valueOf(ChineseNumerals.digit(tail.group("jiao").charAt(0)));
                    BigDecimal cents = BigDecimal.ZERO;
                    if (tail.pattern() == JIAO_FEN && tail.group("fen") != null) {
                        cents = BigDecimal.valueOf(ChineseNumerals.digit(tail.group("fen").charAt(0)));
                    }
                    c = c.withValue(plain(c.value().add(jiao.movePointLeft(1)).add(cents.movePointLeft(2))));
                    end = tail.end();
                }
            }
            int start = m.start();
            if (claims.overlaps(start, end)) {
                continue;
            }
            claims.claim(start, end);
            String key = c.currency() + " " + c.value().stripTrailingZeros().toPlainString();
            found.putIfAbsent(key, new Amount(c.value(), c.currency(), nt.originalText(start, end),
                    nt.originalStart(start), nt.originalEnd(end)));
        }
        return new ArrayList<>(found.values());
    }

    /** What one match says, or null when it is not an amount after all. */
    private static Candidate read(Matcher m, String text) {
        if (m.group("n1") != null) {
            BigDecimal value = multiply(arabic(m.group("n1")), m.group("m1"));
            String suffix = m.group("s1");
            return new Candidate(value, currency(m.group("pre"), suffix), suffix, false);
        }
        if (m.group("n2") != null) {
            String multiplier = m.group("m2");
            String suffix = m.group("s2");
            if (suffix == null) {
                // Only N万 / N亿 stands alone as money, and not when a counter follows (5万人, 3万次).
                if (multiplier == null || !"万萬亿億".contains(multiplier)) {
                    return null;
                }
                if (m.end() < text.length() && COUNTERS.indexOf(text.charAt(m.end())) >= 0) {
                    return null;
                }
            }
            BigDecimal value = multiply(arabic(m.group("n2")), multiplier);
            return new Candidate(value, currency(null, suffix), suffix, false);
        }
        String numerals = m.group("n3");
        String suffix = m.group("s3");
        // 一块 alone is as often "a piece" or "together" (一块儿) as one yuan; 一块钱 is money.
        if (numerals.equals("一") && suffix.matches("[块塊]")) {
            return null;
        }
        OptionalLong value = ChineseNumerals.parse(numerals);
        if (value.isEmpty()) {
            return null;
        }
        return new Candidate(BigDecimal.valueOf(value.getAsLong()), currency(null, suffix), suffix, true);
    }

    private static BigDecimal arabic(String digits) {
        return new BigDecimal(digits.replace(",", ""));
    }

    private static BigDecimal multiply(BigDecimal value, String multiplier) {
        if (multiplier == null) {
            return value;
        }
        long factor = switch (multiplier) {
            case "百" -> 100L;
            case "千" -> 1_000L;
            case "万", "萬" -> 10_000L;
            default -> 100_000_000L; // 亿, 億
        };
        return plain(value.multiply(BigDecimal.valueOf(factor)));
    }

    /** 1.5万 is 15000, not 1.50E+4 or 15000.0. */
    private static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /**
     * ISO 4217 code for a prefix and/or suffix. A generic marker (¥, $, 元, 块) gives way to a specific one:
     * 新台币100元 is TWD, ¥1000日元 is JPY. ¥ and 元 alone mean CNY (this is a Chinese wallet), $ alone means USD,
     * and a bare 1.5万 is CNY.
     */
    static String currency(String prefix, String suffix) {
        if (prefix == null && suffix == null) {
            return "CNY";
        }
        if (prefix == null) {
            return code(suffix);
        }
        if (suffix != null && isGeneric(prefix) && !isGeneric(suffix)) {
            return code(suffix);
        }
        return code(prefix);
    }

    private static boolean isGeneric(String marker) {
        return marker.equals("$") || marker.equals("¥") || "元块塊圆圓".indexOf(marker.charAt(0)) >= 0;
    }

    private static String code(String marker) {
        String m = marker.toUpperCase(Locale.ROOT);
        return switch (m) {
            case "$", "US$", "USD", "DOLLAR", "DOLLARS", "美元", "美金" -> "USD";
            case "€", "EUR", "EURO", "EUROS", "欧元", "歐元" -> "EUR";
            case "£", "GBP", "英镑", "英鎊" -> "GBP";
            case "HK$", "HKD", "港元", "港币", "港幣" -> "HKD";
            case "NT$", "TWD", "新台币", "新台幣", "台币", "台幣" -> "TWD";
            case "JPY", "日元", "日圓", "円" -> "JPY";
            default -> "CNY"; // ¥, RMB, CNY, YUAN, 人民币, 元, 块, 块钱, 元钱, 圆...
        };
    }

    private record Candidate(BigDecimal value, String currency, String suffix, boolean chineseNumber) {
        /** 角/毛 follow only the plain yuan units: 5元5角, 两块五毛. */
        boolean tailAllowed() {
            return suffix != null && suffix.matches("[元块塊圆圓]");
        }

        Candidate withValue(BigDecimal v) {
            return new Candidate(v, currency, suffix, chineseNumber);
        }
    }
}
