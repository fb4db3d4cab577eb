package org.inboundrouter.classify.entity;

import java.util.OptionalLong;

/**
 * Reads Chinese numerals as people write amounts, dates and hours: 五百, 两千, 三千五百, 一百零五, 十五, 一万五千, and the
 * spoken shorthand where a trailing digit takes the next lower unit (三千五 = 3500, 一万五 = 15000, 两百五 = 250).
 * Financial capitals (壹贰叁…拾佰仟) count too. Digit-by-digit strings (一二三) are not numbers here.
 */
final class ChineseNumerals {

    /** Every character {@link #parse} understands; for building regex character classes. */
    static final String CHARS = "零〇一二两兩三四五六七八九十百千万萬亿億壹贰貳叁參肆伍陆陸柒捌玖拾佰仟";

    private ChineseNumerals() {
    }

    static OptionalLong parse(CharSequence s) {
        if (s == null || s.length() == 0 || s.length() > 20) {
            return OptionalLong.empty();
        }
        long yiPart = 0;      // everything up to the last 亿, already multiplied
        long wanPart = 0;     // the 万 group since then, already multiplied
        long section = 0;     // below 万
        long pending = -1;    // a digit not yet given a unit
        long lastUnit = 0;    // the unit right before the pending digit (for the 三千五 shorthand); 0 after 零
        boolean prevDigit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = digit(c);
            if (d > 0) {
                if (prevDigit) {
                    return OptionalLong.empty(); // 一二, not a number
                }
                pending = d;
                prevDigit = true;
                continue;
            }
            if (d == 0) {
                if (prevDigit) {
                    return OptionalLong.empty();
                }
                lastUnit = 0; // 一百零五: the 五 is units, not tens
                continue;
            }
            long unit = unit(c);
            if (unit == 0) {
                return OptionalLong.empty();
            }
            long n = pending < 0 ? 1 : pending; // 十五, 百元: a bare unit counts one
            if (unit < 10_000) {
                section += n * unit;
            } else if (unit == 10_000) {
                long group = section + Math.max(pending, 0);
                wanPart = (group == 0 ? 1 : group) * unit;
                section = 0;
            } else {
                long group = wanPart + section + Math.max(pending, 0);
                yiPart = (group == 0 ? 1 : group) * unit;
                wanPart = 0;
                section = 0;
            }
            pending = -1;
            lastUnit = unit;
            prevDigit = false;
        }
        if (pending > 0) {
            section += prevDigit && lastUnit >= 100 ? pending * (lastUnit / 10) : pending;
        }
        return OptionalLong.of(yiPart + wanPart + section);
    }

    /** 0-9 for a digit character, -1 otherwise. */
    static int digit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一', '壹' -> 1;
            case '二', '两', '兩', '贰', '貳' -> 2;
            case '三', '叁', '參' -> 3;
            case '四', '肆' -> 4;
            case '五', '伍' -> 5;
            case '六', '陆', '陸' -> 6;
            case '七', '柒' -> 7;
            case '八', '捌' -> 8;
            case '九', '玖' -> 9;
            default -> c >= '0' && c <= '9' ? c - '0' : -1;
        };
    }

    private static long unit(char c) {
        return switch (c) {
            case '十', '拾' -> 10;
            case '百', '佰' -> 100;
            case '千', '仟' -> 1_000;
            case '万', '萬' -> 10_000;
            case '亿', '億' -> 100_000_000;
            default -> 0;
        };
    }

    /** A number written in ASCII digits or Chinese numerals (5, 12, 五, 十二); -1 if neither. */
    static int smallNumber(String s) {
        if (s == null || s.isEmpty()) {
            return -1;
        }
        if (s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return s.length() > 4 ? -1 : Integer.parseInt(s);
        }
        OptionalLong v = parse(s);
        return v.isPresent() && v.getAsLong() < 10_000 ? (int) v.getAsLong() : -1;
    }
}
