package org.inboundrouter.classify;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import org.inboundrouter.bench.BenchMessages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The inputs of the golden file ({@link GoldenClassifications}): every Chinese test message, the benchmark's
 * messages, the English templates, and variants that reach the parts of the engine plain messages rarely do:
 * traditional and full-width forms, extra white space (positions must still point into the text as received),
 * subjects (weighted), and hand-written edge cases for the patterns (gaps at their limits, surrogate pairs and a
 * line terminator inside a gap, lookarounds, word boundaries, alternatives of different lengths).
 * <p>
 * Only the generator reads this class: the golden file stores the inputs themselves, so a change here (or in
 * opencc4j's data) changes nothing until the file is regenerated.
 */
final class GoldenMessages {

    /** One input: {@code subject} may be null, {@code text} may be null or empty. */
    record Input(String subject, String text) {
    }

    private GoldenMessages() {
    }

    static List<Input> all() {
        Set<Input> inputs = new LinkedHashSet<>();
        List<String> zh = BenchMessages.readChinese();
        zh.forEach(t -> inputs.add(new Input(null, t)));
        for (String m : BenchMessages.build()) {
            inputs.add(new Input(null, m));
        }
        BenchMessages.ENGLISH.forEach(t -> inputs.add(new Input(null, t)));
        zh.forEach(t -> inputs.add(new Input(null, ZhConverterUtil.toTraditional(t))));
        BenchMessages.ENGLISH.forEach(t -> inputs.add(new Input(null, fullWidth(t.toUpperCase()))));
        Random random = new Random(20261122L);
        for (int i = 0; i < zh.size(); i += 3) {
            inputs.add(new Input(null, spaced(zh.get(i), random)));
        }
        for (int i = 0; i < 80; i++) {
            inputs.add(new Input(zh.get(i * 5 % zh.size()), zh.get((i * 7 + 3) % zh.size())));
        }
        for (int i = 0; i < BenchMessages.ENGLISH.size(); i++) {
            String subject = BenchMessages.ENGLISH.get((i + 5) % BenchMessages.ENGLISH.size());
            inputs.add(new Input(subject.substring(0, Math.min(40, subject.length())), BenchMessages.ENGLISH.get(i)));
        }
        edgeCases().forEach(inputs::add);
        inputs.add(new Input(null, String.join("", zh.subList(0, 60))));
        inputs.add(new Input(null, String.join(" ", BenchMessages.ENGLISH).repeat(8)));
        return new ArrayList<>(inputs);
    }

    private static List<Input> edgeCases() {
        List<Input> cases = new ArrayList<>();
        cases.add(new Input(null, null));
        cases.add(new Input(null, ""));
        cases.add(new Input("", ""));
        cases.add(new Input(null, " "));
        cases.add(new Input(null, " \t\r\n\u3000 "));
        cases.add(new Input("退款", null));
        cases.add(new Input("充值失败", ""));
        String emoji = "\uD83D\uDE00";
        for (String text : List.of(
                // full-width, traditional, mixed
                "ＴＯＰ　ＵＰ　ＦＡＩＬＥＤ，ＣＡＲＤ　ＤＥＣＬＩＮＥＤ", "提現失敗，ＡＰＰ顯示審核中", "１２３１５投诉",
                "我的帳戶被盜了，有人在別的手機上登錄", "轉帳給朋友他說沒收到，餘額也不對", "top up失败了 card declined 请立即处理",
                "帐户 账户 帳戶 被冻结了无法提现",
                // gaps of .{0,n} counted in code points; a surrogate pair is one '.', a lone surrogate too
                "充值" + emoji.repeat(9) + "失败", "充值" + emoji.repeat(10) + "失败", "充值" + emoji.repeat(11) + "失败",
                "充值一二三四五六七八九十失败", "充值一二三四五六七八九十一失败", "充值\uD83D失败", "充值\uDE00\uD83D失败",
                "有人" + emoji.repeat(12) + "登录", "有人" + emoji.repeat(13) + "登录",
                // a line terminator that folding keeps (U+0085) stops '.'; the ones it turns into a space do not
                "充值\u0085失败", "有人\u0085登录了", "充值\n失败", "有人\r\n登录", "充值\u2028失败",
                // greedy gaps and the order of alternatives decide where a match ends
                "充值不成功没到账", "支付失败失败失败", "充值没到账没有到账", "提现慢提现审核不了", "转账没收到没有收到",
                "商家没有收到商家未收到", "我根本没有消费过我没用过", "给他转了给她转账",
                // lookarounds
                "不是我的", "是不是我的", "不是不是我的", "这不是我的卡", "打12315投诉", "打912315投诉", "123150",
                "12315", "a12315b", "１２３１５",
                // word boundaries in English patterns, next to Chinese and digits
                "I want to cancel my order", "cancelled my orders please", "please stop the purchase now",
                "cancellation of order", "uncancel order", "the order was cancel", "the orders cancel", "Pin changed",
                "my pin is wrong", "I changed my PIN code", "改pin码", "新pin", "newpin wrong", "pin不对", "pin wrong",
                "account was closed", "close my account", "closing account", "delete my account now",
                "account closed", "the rate is wrong", "the exchange rate looks wrong", "incorrect rate",
                "separate rates are different", "balance is the same", "balance not updated", "balance off",
                "change my address", "update my email please", "my name changed", "email was modified",
                "I'd like to change my details_", "_change my name", "chang3 name", "chang\u00e9 name",
                "\u00e9change my name", "change\u0301 my name",
                // digits and letters next to keywords
                "discard the cards", "top-up failed", "topup failed", "3top up", "top up3",
                // very long
                "充值失败".repeat(300), "a".repeat(2000) + "refund" + "退款".repeat(500))) {
            cases.add(new Input(null, text));
        }
        return cases;
    }

    private static String fullWidth(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c == ' ' ? '\u3000' : c > ' ' && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return out.toString();
    }

    /** White space added around chars: folding collapses it, positions must still be the original ones. */
    private static String spaced(String text, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c);
            int r = random.nextInt(12);
            if (r == 0) {
                out.append("  ");
            } else if (r == 1) {
                out.append("\n\t");
            } else if (r == 2) {
                out.append('\u3000');
            }
        }
        return out.toString();
    }
}
