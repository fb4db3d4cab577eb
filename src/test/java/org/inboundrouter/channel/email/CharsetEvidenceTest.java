package org.inboundrouter.channel.email;

import org.inboundrouter.model.InboundMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.channel.email.TestMails.encode;
import static org.inboundrouter.channel.email.TestMails.mail;

/** Issue 16, item 3: charsets guessed only on evidence, and every guess said in a warning. */
class CharsetEvidenceTest {

    @Test
    void rawGbkSubjectIsDecodedWithTheCharsetTheBodyDeclares() throws Exception {
        // alone, these 8 bytes look like Big5 to the guesser (it made them "滖絝囮㷍")
        InboundMessage m = TortureMailsTest.parse("c02-raw-gbk-subject-gbk-body.eml").message();

        assertThat(m.subject()).isEqualTo("轉帳失敗");
        assertThat(m.text()).isEqualTo("我的帳戶凍結了，請幫忙。");
        assertThat(m.warnings())
                .containsExactly("header Subject: raw 8-bit bytes, decoded as GB18030 (the charset the mail declares)");
    }

    @Test
    void rawUtf8WithOneBadByteStaysUtf8WithReplacement() throws Exception {
        InboundMessage m = TortureMailsTest.parse("c03-raw-utf8-subject-one-bad-byte.eml").message();

        assertThat(m.subject()).isEqualTo("Но\uFFFD\uFFFDости компании");
        assertThat(m.warnings()).containsExactly("header Subject: raw 8-bit bytes, invalid UTF-8 bytes replaced");
    }

    @Test
    void latin1BytesUnderAUtf8LabelAreWindows1252() throws Exception {
        InboundMessage m = TortureMailsTest.parse("c04-latin1-bytes-under-utf8-label.eml").message();

        assertThat(m.text()).isEqualTo("Grüße aus Köln, mein Konto ist gesperrt. Können Sie helfen?");
        assertThat(m.warnings()).containsExactly(
                "message body (text/plain): charset \"utf-8\" but not valid UTF-8, decoded as windows-1252");
    }

    @Test
    void nearlyValidUtf8UnderAUtf8LabelKeepsItsCharacters() {
        byte[] bytes = "提现失败，请尽快处理".getBytes(StandardCharsets.UTF_8);
        bytes[4] = (byte) 0xFF;
        List<String> warnings = new ArrayList<>();

        String text = MailCharsets.decodeLabelled(bytes, "utf-8", "part 1 (text/plain)", warnings);

        assertThat(text).startsWith("提").endsWith("失败，请尽快处理");
        assertThat(warnings).containsExactly("part 1 (text/plain): invalid UTF-8 bytes replaced");
    }

    @Test
    void base64StopsAtItsPaddingWhenWhatFollowsIsNoBase64() throws Exception {
        InboundMessage m = TortureMailsTest.parse("c05-base64-garbage-after-padding.eml").message();

        assertThat(m.text()).isEqualTo("My top-up of 100 failed!!");
        assertThat(m.warnings())
                .containsExactly("message body (text/plain): 13 bytes after the base64 padding ignored");
    }

    @Test
    void separatelyEncodedBase64ChunksJoinedTogetherStillDecode() {
        byte[] joined = "aGk=\r\nIHRoZXJl\r\n".getBytes(StandardCharsets.US_ASCII);
        List<String> warnings = new ArrayList<>();

        assertThat(new String(TransferEncodings.base64(joined, "part 1", warnings), StandardCharsets.US_ASCII))
                .isEqualTo("hi there");
        assertThat(warnings).isEmpty();
    }

    @Test
    void threeDoubleBytePairsAreNoEvidenceOfChinese() {
        // "é¢" and friends: three high-byte pairs are as likely to be Latin-1 as GBK
        byte[] few = encode("余额不", "GBK");
        byte[] enough = encode("余额不对", "GBK");

        assertThat(MailCharsets.guessChinese(few)).isNull();
        assertThat(MailCharsets.guess(few)).isEqualTo(MailCharsets.WINDOWS_1252);
        assertThat(MailCharsets.guessChinese(enough)).isEqualTo(MailCharsets.GB18030);
    }

    @Test
    void aShortRawGbkHeaderIsDecodedTogetherWithTheMailsOtherRawHeaders() throws Exception {
        // 李雷 alone is 2 pairs, too few; the subject beside it is enough evidence for both
        InboundMessage m = mail().text("From: ").bytes(encode("李雷", "GBK")).text(" <lilei@x.example>\nSubject: ")
                .bytes(encode("账户冻结了", "GBK")).text("\n\nhi\n").parse().message();

        assertThat(m.sender().name()).isEqualTo("李雷");
        assertThat(m.subject()).isEqualTo("账户冻结了");
        assertThat(m.warnings()).containsExactly("header From: raw 8-bit bytes, decoded as GB18030",
                "header Subject: raw 8-bit bytes, decoded as GB18030");
    }

    @Test
    void gbkPairsThatHappenToHoldUtf8SequencesAreNotNearlyUtf8() {
        assertThat(MailCharsets.nearlyUtf8(encode("客服您好，我的账户充值失败，金额100元已扣款。", "GBK"))).isFalse();
        assertThat(MailCharsets.nearlyUtf8(encode("值班经理请尽快回复", "GBK"))).isFalse();
    }
}
