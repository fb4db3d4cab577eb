package org.inboundrouter.channel.email;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.channel.email.TestMails.encode;

class MailCharsetsTest {

    @Test
    void chineseFamiliesMapToTheirSupersets() {
        for (String label : new String[] {"GB2312", "gbk", "CP936", "EUC-CN", "x-gbk", "csGB2312", "GB_2312-80",
                "\"gb2312\"", "GB18030", "windows-936"}) {
            assertThat(MailCharsets.resolve(label)).as(label).isEqualTo(Charset.forName("GB18030"));
        }
        for (String label : new String[] {"Big5", "big-5", "csBig5", "x-x-big5", "Big5-HKSCS"}) {
            assertThat(MailCharsets.resolve(label)).as(label).isEqualTo(Charset.forName("Big5-HKSCS"));
        }
    }

    @Test
    void otherLabelsGoThroughJava() {
        assertThat(MailCharsets.resolve("ISO-2022-JP")).isEqualTo(Charset.forName("ISO-2022-JP"));
        assertThat(MailCharsets.resolve("koi8-r")).isEqualTo(Charset.forName("KOI8-R"));
        assertThat(MailCharsets.resolve("utf8")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MailCharsets.resolve("UTF-8*en")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MailCharsets.resolve("iso-8859-1")).isEqualTo(Charset.forName("windows-1252"));
        assertThat(MailCharsets.resolve("windows-1251")).isEqualTo(Charset.forName("windows-1251"));
        assertThat(MailCharsets.resolve("charset=us-ascii")).isEqualTo(StandardCharsets.US_ASCII);
        assertThat(MailCharsets.resolve("utf-8 (web form)")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MailCharsets.resolve("gbk; format=flowed")).isEqualTo(MailCharsets.GB18030);
        assertThat(MailCharsets.resolve("x-foo")).isNull();
        assertThat(MailCharsets.resolve("")).isNull();
        assertThat(MailCharsets.resolve(null)).isNull();
    }

    @Test
    void guessTellsUtf8GbkBig5AndLatinApart() {
        assertThat(MailCharsets.guess("退款".getBytes(StandardCharsets.UTF_8))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MailCharsets.guess(encode("我的退款迟迟不到账，请尽快处理", "GBK"))).isEqualTo(MailCharsets.GB18030);
        assertThat(MailCharsets.guess(encode("我的退款遲遲不到賬，請盡快處理", "Big5"))).isEqualTo(MailCharsets.BIG5_HKSCS);
        assertThat(MailCharsets.guess(encode("Grüße aus München, José", "ISO-8859-1")))
                .isEqualTo(MailCharsets.WINDOWS_1252);
    }

    @Test
    void asciiOrUtf8LabelsOnOtherBytesAreSecondGuessed() {
        List<String> warnings = new ArrayList<>();
        byte[] gbk = encode("账户被冻结了", "GBK");

        assertThat(MailCharsets.decodeLabelled(gbk, "us-ascii", "part 1 (text/plain)", warnings)).isEqualTo("账户被冻结了");
        assertThat(MailCharsets.decodeLabelled(gbk, "utf-8", "part 2 (text/plain)", warnings)).isEqualTo("账户被冻结了");
        assertThat(warnings).containsExactly(
                "part 1 (text/plain): charset \"us-ascii\" but 8-bit bytes, decoded as GB18030",
                "part 2 (text/plain): charset \"utf-8\" but not valid UTF-8, decoded as GB18030");
    }

    @Test
    void utf8UnderALatin1LabelIsUtf8() {
        List<String> warnings = new ArrayList<>();

        assertThat(MailCharsets.decodeLabelled("DISCOVER® Café".getBytes(StandardCharsets.UTF_8), "iso-8859-1",
                "part 1 (text/plain)", warnings)).isEqualTo("DISCOVER® Café");
        assertThat(MailCharsets.decodeLabelled(encode("Café", "ISO-8859-1"), "iso-8859-1", "part 2 (text/plain)",
                warnings)).isEqualTo("Café");
        assertThat(warnings).containsExactly(
                "part 1 (text/plain): charset \"iso-8859-1\" but the bytes are UTF-8, decoded as UTF-8");
    }

    @Test
    void unlabelledLatinTextFallsBackToWindows1252WithAWarning() {
        List<String> warnings = new ArrayList<>();

        assertThat(MailCharsets.decodeLabelled(encode("naïve café", "windows-1252"), null, "message body (text/plain)",
                warnings)).isEqualTo("naïve café");
        assertThat(warnings)
                .containsExactly("message body (text/plain): no charset for 8-bit text, decoded as windows-1252");
    }
}
