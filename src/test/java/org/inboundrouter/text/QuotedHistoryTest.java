package org.inboundrouter.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedHistoryTest {

    private static final String REPLY = "我的充值还是失败了，请再查一下。";

    private static void assertCutAt(String marker) {
        String text = REPLY + "\n\n" + marker + "\n> 请提供订单号。\n> 谢谢\n";
        QuotedHistory.Split split = QuotedHistory.split(text);

        assertThat(split.text()).isEqualTo(REPLY);
        assertThat(split.quoted()).startsWith(marker.strip()).endsWith("> 谢谢");
        assertThat(split.signature()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "On Mon, 29 Apr 2024 at 10:00, Support <support@wallet.example> wrote:",
            "在 2024年4月29日 星期一 10:00，客服 <support@wallet.example> 写道：",
            "客服 写道:",
            "於 2024年4月29日 客服 寫道：",
            "-----Original Message-----",
            "----- Original Message -----",
            "-----原始邮件-----",
            "------------------ 原始邮件 ------------------",
            "----- 回复的原邮件 -----"})
    void everyAttributionOrSeparatorStartsTheHistory(String marker) {
        assertCutAt(marker);
    }

    @Test
    void attributionWrappedOverTwoLines() {
        QuotedHistory.Split split = QuotedHistory.split("""
                Thanks, that worked.

                On Mon, 29 Apr 2024 at 10:00, Wallet Support Team <support@wallet.example>
                wrote:
                > Try again.
                """);

        assertThat(split.text()).isEqualTo("Thanks, that worked.");
        assertThat(split.quoted()).startsWith("On Mon, 29 Apr 2024");
    }

    @Test
    void outlookHeaderBlockInEnglish() {
        QuotedHistory.Split split = QuotedHistory.split("""
                Please close my account.

                From: Wallet Support <support@wallet.example>
                Sent: Monday, April 29, 2024 10:00 AM
                To: Li Lei <lilei@x.example>
                Subject: RE: account

                Why do you want to close it?
                """);

        assertThat(split.text()).isEqualTo("Please close my account.");
        assertThat(split.quoted()).startsWith("From: Wallet Support").endsWith("Why do you want to close it?");
    }

    @Test
    void outlookHeaderBlockInChineseAfterARuleOfUnderscores() {
        QuotedHistory.Split split = QuotedHistory.split("""
                银行卡已经解绑了吗？

                ________________________________
                发件人: 客服中心 <support@wallet.example>
                发送时间: 2024年4月29日 10:00
                收件人: 李雷
                主题: 回复: 解绑

                已为您处理。
                """);

        assertThat(split.text()).isEqualTo("银行卡已经解绑了吗？");
        assertThat(split.quoted()).startsWith("________________________________").endsWith("已为您处理。");
    }

    @Test
    void fullWidthColonsAndBoldFromLinesCountToo() {
        assertThat(QuotedHistory.split("好的\n\n*发件人：* 客服\n*日期：* 2024-04-29\n\n旧内容\n").text())
                .isEqualTo("好的");
    }

    @Test
    void aCustomersOwnFromAndToLinesAreNotAHeaderBlock() {
        String text = "I sent money to the wrong person.\nFrom: my card 6222 **** 1234\n"
                + "To: his account 6228 **** 9876\n"
                + "Please help me get it back.";

        assertThat(QuotedHistory.split(text).text()).isEqualTo(text);
    }

    @Test
    void trailingQuotedRunWithoutAttribution() {
        QuotedHistory.Split split = QuotedHistory.split("Done, thanks.\n\n> Did it work?\n>\n> Support\n");

        assertThat(split.text()).isEqualTo("Done, thanks.");
        assertThat(split.quoted()).isEqualTo("> Did it work?\n>\n> Support");
    }

    @Test
    void inlineRepliesKeepTheCustomersLines() {
        QuotedHistory.Split split = QuotedHistory.split("""
                > What is the order number?
                TX20240429001
                > How much was it?
                100 yuan
                """);

        assertThat(split.text()).isEqualTo("TX20240429001\n100 yuan");
        assertThat(split.quoted()).contains("> What is the order number?").contains("> How much was it?");
    }

    @Test
    void inlineRepliesBelowAnAttributionAreKept() {
        QuotedHistory.Split split = QuotedHistory.split("""
                On Mon, Support wrote:
                > Order number?
                TX1
                """);

        assertThat(split.text()).isEqualTo("TX1");
        assertThat(split.quoted()).startsWith("On Mon, Support wrote:").contains("> Order number?");
    }

    @Test
    void signatureAfterDashDashSpace() {
        QuotedHistory.Split split = QuotedHistory.split("My refund is late.\n\n-- \nLi Lei\nTel 138 0000 0000\n");

        assertThat(split.text()).isEqualTo("My refund is late.");
        assertThat(split.signature()).isEqualTo("Li Lei\nTel 138 0000 0000");
    }

    @Test
    void signatureAfterDashDashWithoutSpace() {
        QuotedHistory.Split split = QuotedHistory.split("My refund is late.\n--\nLi Lei\n");

        assertThat(split.text()).isEqualTo("My refund is late.");
        assertThat(split.signature()).isEqualTo("Li Lei");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sent from my iPhone", "发自我的iPhone", "发自我的华为手机", "Get Outlook for Android",
            "Get Outlook for iOS", "Sent from my Samsung Galaxy smartphone."})
    void mobileFootersAreSignatures(String footer) {
        QuotedHistory.Split split = QuotedHistory.split("验证码一直收不到\n\n" + footer + "\n");

        assertThat(split.text()).isEqualTo("验证码一直收不到");
        assertThat(split.signature()).isEqualTo(footer);
    }

    @Test
    void signatureAndHistoryTogether() {
        QuotedHistory.Split split = QuotedHistory.split("""
                还是不行

                发自我的iPhone

                ------------------ 原始邮件 ------------------
                发件人: "客服"<support@wallet.example>
                请重试
                """);

        assertThat(split.text()).isEqualTo("还是不行");
        assertThat(split.signature()).isEqualTo("发自我的iPhone");
        assertThat(split.quoted()).startsWith("------------------ 原始邮件");
    }

    @Test
    void neverStripsEverything() {
        String onlyHistory = "-----Original Message-----\nFrom: a\nSent: b\n\nold text";
        assertThat(QuotedHistory.split(onlyHistory).text()).isEqualTo(onlyHistory);
        assertThat(QuotedHistory.split(onlyHistory).quoted()).isNull();

        String onlyQuote = "> only a quote\n> nothing else";
        assertThat(QuotedHistory.split(onlyQuote).text()).isEqualTo(onlyQuote);
        assertThat(QuotedHistory.split("Sent from my iPhone").text()).isEqualTo("Sent from my iPhone");
        assertThat(QuotedHistory.split("").text()).isEmpty();
        assertThat(QuotedHistory.split(null).text()).isEmpty();
    }

    @Test
    void tidiesWhitespace() {
        QuotedHistory.Split split =
                QuotedHistory.split("\n\n  first line   \r\nsecond\t\r\n\r\n\r\n\r\n\r\nthird  \n\n");

        assertThat(split.text()).isEqualTo("  first line\nsecond\n\nthird");
    }
}
