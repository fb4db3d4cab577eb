package org.inboundrouter.channel.email;

import org.inboundrouter.model.Attachment;
import org.inboundrouter.model.AttachmentContent;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Language;
import org.inboundrouter.model.Party;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;
import static org.inboundrouter.channel.email.TestMails.b64;
import static org.inboundrouter.channel.email.TestMails.bWord;
import static org.inboundrouter.channel.email.TestMails.encode;
import static org.inboundrouter.channel.email.TestMails.mail;
import static org.inboundrouter.channel.email.TestMails.parse;
import static org.inboundrouter.channel.email.TestMails.qp;

class MailParserTest {

    private static final String PLAIN = """
            From: Li Lei <lilei@Example.COM>
            To: support@wallet.example
            Subject: Top-up failed
            Date: Wed, 1 May 2024 10:00:00 +0800
            Message-ID: <abc123@mail.example.com>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii

            My top-up of 100 yuan failed but the money was deducted.
            """;

    // ---- identity, headers, conversation ----

    @Test
    void identityAndDedupKeyComeFromMessageIdAndRawBytes() throws Exception {
        byte[] raw = mail().text(PLAIN).build();
        Intake intake = new MailParser(1000).parse(raw, TestMails.CHANNEL, TestMails.RECEIVED);
        InboundMessage m = intake.message();

        assertThat(m.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(m.rawRef()).isEqualTo("sha256:" + TestMails.sha256(raw));
        assertThat(m.externalId()).isEqualTo("abc123@mail.example.com");
        assertThat(intake.dedupKey()).isEqualTo("message-id:abc123@mail.example.com");
        assertThat(intake.raw()).isEqualTo(raw);
        assertThat(m.channel()).isEqualTo(TestMails.CHANNEL);
        assertThat(m.receivedAt()).isEqualTo(TestMails.RECEIVED);
        assertThat(m.sentAt()).isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
        assertThat(m.sender()).isEqualTo(new Party("lilei@example.com", "Li Lei"));
        assertThat(m.recipients()).containsExactly(Party.of("support@wallet.example"));
        assertThat(m.subject()).isEqualTo("Top-up failed");
        assertThat(m.text()).isEqualTo("My top-up of 100 yuan failed but the money was deducted.");
        assertThat(m.language()).isEqualTo(Language.EN);
        assertThat(m.htmlPresent()).isFalse();
        assertThat(m.warnings()).isEmpty();
        assertThat(intake.noise()).isNull();
        assertThat(m.conversation().threadKey()).isNull();
        // a fresh id for every parse
        assertThat(new MailParser(1000).parse(raw, TestMails.CHANNEL, TestMails.RECEIVED).message().id())
                .isNotEqualTo(m.id());
    }

    @Test
    void withoutMessageIdTheDedupKeyIsTheRawHash() throws Exception {
        byte[] raw = mail().text("""
                From: a@b.example
                Subject: hi

                hello
                """).build();
        Intake intake = new MailParser(1000).parse(raw, TestMails.CHANNEL, TestMails.RECEIVED);

        assertThat(intake.message().externalId()).isNull();
        assertThat(intake.dedupKey()).isEqualTo("sha256:" + TestMails.sha256(raw)).isEqualTo(intake.message().rawRef());
    }

    @Test
    void conversationHintsTolerateSloppyIdLists() throws Exception {
        InboundMessage m = parse("""
                From: a@b.example
                Message-ID:   < spaced@id.example >
                In-Reply-To: <first@x.example> <second@x.example>
                References: <r1@x.example>,<r2@x.example><r3@x.example>
                 garbage (comment <not-an-id>) <r4@x.example>
                Subject: Re: hi

                ok
                """).message();

        assertThat(m.externalId()).isEqualTo("spaced@id.example");
        assertThat(m.conversation().inReplyTo()).isEqualTo("first@x.example");
        assertThat(m.conversation().references())
                .containsExactly("r1@x.example", "r2@x.example", "r3@x.example", "r4@x.example");
        assertThat(m.conversation().threadKey()).isNull();
    }

    @Test
    void referencesWithoutBracketsAreStillFound() throws Exception {
        InboundMessage m = parse("""
                From: a@b.example
                In-Reply-To: bare@x.example
                References: one@x.example two@x.example, junk

                ok
                """).message();

        assertThat(m.conversation().inReplyTo()).isEqualTo("bare@x.example");
        assertThat(m.conversation().references()).containsExactly("one@x.example", "two@x.example");
    }

    @Test
    void keepsOnlyTheHeadersThatMatterDecodedAndJoined() throws Exception {
        InboundMessage m = parse("""
                From: =?UTF-8?B?5byg5LiJ?= <zhang@x.example>
                To: support@wallet.example
                Cc: one@x.example
                Cc: two@x.example
                Subject: =?UTF-8?Q?caf=C3=A9?=
                Received: from somewhere by somewhere
                X-Mailer: Foxmail 7.2
                X-Spam-Score: 3
                Content-Type: text/plain

                body
                """).message();

        assertThat(m.headers()).containsOnlyKeys("from", "to", "cc", "subject", "x-mailer", "content-type");
        assertThat(m.headers().get("from")).isEqualTo("张三 <zhang@x.example>");
        assertThat(m.headers().get("cc")).isEqualTo("one@x.example, two@x.example");
        assertThat(m.headers().get("subject")).isEqualTo("café");
        assertThat(m.recipients()).extracting(Party::address)
                .containsExactly("support@wallet.example", "one@x.example", "two@x.example");
    }

    @Test
    void senderFallsBackToSenderThenReturnPath() throws Exception {
        assertThat(parse("Sender: Desk <desk@x.example>\n\nhi\n").message().sender())
                .isEqualTo(new Party("desk@x.example", "Desk"));
        assertThat(parse("Return-Path: <rp@X.example>\n\nhi\n").message().sender())
                .isEqualTo(Party.of("rp@x.example"));
        assertThat(parse("Subject: nobody\n\nhi\n").message().sender()).isNull();
    }

    @Test
    void brokenAddressListsNeverThrow() throws Exception {
        InboundMessage m = parse("""
                From: "Unbalanced <lost@X.example>
                To: Bob Dunite <bob@X.example> Bobby <bobby@x.example>; undisclosed-recipients:;
                Cc: ,,, <>, plain@EXAMPLE.com (Plain Person), =?GBK?B?1cXI/Q==?= <gbk@x.example
                Subject: addresses

                hi
                """).message();

        assertThat(m.sender().address()).isEqualTo("lost@x.example");
        assertThat(m.recipients()).containsExactly(
                new Party("bob@x.example", "Bob Dunite"),
                new Party("bobby@x.example", "Bobby"),
                new Party("plain@example.com", "Plain Person"),
                new Party("gbk@x.example", "张三"));
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).startsWith("header Cc: missing '>'"));
    }

    @Test
    void commentsAreNotPartOfAddressesButMayBeTheName() throws Exception {
        InboundMessage m = parse("""
                From: Pete(A wonderful \\) chap) <pete(his account)@silly.test(his host)>
                To: jdoe@Machine.example (John Doe), <desk@x.example> (Help Desk)

                hi
                """).message();

        assertThat(m.sender()).isEqualTo(new Party("pete@silly.test", "Pete"));
        assertThat(m.recipients()).containsExactly(new Party("jdoe@machine.example", "John Doe"),
                new Party("desk@x.example", "Help Desk"));
    }

    @Test
    void unparseableDateIsNullWithAWarning() throws Exception {
        InboundMessage m = parse("From: a@b.example\nDate: Pn, 29 paX 2007 21:13:00 +0100\n\nhi\n").message();

        assertThat(m.sentAt()).isNull();
        assertThat(m.warnings()).contains("header Date: unparseable \"Pn, 29 paX 2007 21:13:00 +0100\"");
    }

    @Test
    void sloppyDatesAreStillRead() throws Exception {
        assertThat(parse("Date: 1 May 2024 10:00:00 CST\n\nhi\n").message().sentAt())
                .isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
        assertThat(parse("Date: Wed, 1 May 2024 10:00 +0800 (CST)\n\nhi\n").message().sentAt())
                .isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
        assertThat(parse("Date: 2024-05-01 10:00:00 +0800\n\nhi\n").message().sentAt())
                .isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
    }

    // ---- charsets ----

    @Test
    void gb2312LabelledGbkTextAndSubjectDecodeAsGb18030() throws Exception {
        String subject = "王堃：充值失败，请尽快处理";
        String body = "客服您好，我的账户充值失败，金额100元已扣款。鎔";
        byte[] gbkBody = encode(body, "GBK");
        // what a strict GB2312 decoder makes of it: the reason for mapping the label to GB18030
        assertThat(new String(gbkBody, "GB2312")).doesNotContain("鎔");

        InboundMessage m = mail().text("From: =?GB2312?B?" + java.util.Base64.getEncoder().encodeToString(
                        encode("王堃", "GBK")) + "?= <wangkun@x.example>\n"
                + "Subject: " + bWord("GB2312", encode(subject, "GBK")) + "\n"
                + "Content-Type: text/plain; charset=\"gb2312\"\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + b64(gbkBody) + "\n").parse().message();

        assertThat(m.subject()).isEqualTo(subject);
        assertThat(m.text()).isEqualTo(body);
        assertThat(m.sender().name()).isEqualTo("王堃");
        assertThat(m.language()).isEqualTo(Language.ZH);
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void gbkFamilyLabelsAllDecode() throws Exception {
        String body = "提现到银行卡一直没有到账";
        for (String label : new String[] {"GBK", "cp936", "x-gbk", "csGB2312", "GB_2312-80", "EUC-CN", "gb18030"}) {
            InboundMessage m = mail().text("Content-Type: text/plain; charset=" + label
                    + "\nContent-Transfer-Encoding: quoted-printable\n\n" + qp(encode(body, "GBK")) + "\n")
                    .parse().message();
            assertThat(m.text()).as(label).isEqualTo(body);
            assertThat(m.warnings()).as(label).isEmpty();
        }
    }

    @Test
    void big5DecodesAsBig5HkscsIncludingCantoneseCharacters() throws Exception {
        String body = "我嘅戶口被凍結咗，請盡快幫忙處理。";
        InboundMessage m = mail().text("Subject: " + bWord("big5", encode("帳戶凍結", "Big5")) + "\n"
                + "Content-Type: text/plain; charset=big5\nContent-Transfer-Encoding: base64\n\n"
                + b64(body, "Big5-HKSCS") + "\n").parse().message();

        assertThat(m.subject()).isEqualTo("帳戶凍結");
        assertThat(m.text()).isEqualTo(body);
        assertThat(m.language()).isEqualTo(Language.ZH);
    }

    @Test
    void iso2022jpSubjectAndBody() throws Exception {
        String subject = "お問い合わせ";
        String body = "パスワードを忘れました。";
        byte[] jis = encode(body, "ISO-2022-JP");
        InboundMessage m = mail().text("Subject: " + bWord("ISO-2022-JP", encode(subject, "ISO-2022-JP")) + "\n"
                        + "Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n")
                .bytes(jis).text("\n").parse().message();

        assertThat(m.subject()).isEqualTo(subject);
        assertThat(m.text()).isEqualTo(body);
    }

    @Test
    void utf8QuotedPrintableBodyAndSubject() throws Exception {
        InboundMessage m = parse("""
                Subject: =?utf-8?q?=E9=80=80=E6=AC=BE_refund_please?=
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                =E6=88=91=E8=A6=81=E9=80=80=E6=AC=BE=EF=BC=8C=E8=AE=A2=E5=8D=95=E5=8F=B7 =
                TX123=3D456
                """).message();

        assertThat(m.subject()).isEqualTo("退款 refund please");
        assertThat(m.text()).isEqualTo("我要退款，订单号 TX123=456");
    }

    @Test
    void missingCharsetWithGbkBytesIsDetected() throws Exception {
        String body = "我的余额显示不对，请帮忙查询";
        InboundMessage m = mail().text("Content-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n")
                .bytes(encode(body, "GBK")).text("\n").parse().message();

        assertThat(m.text()).isEqualTo(body);
        assertThat(m.warnings())
                .containsExactly("message body (text/plain): no charset for 8-bit text, decoded as GB18030");
    }

    @Test
    void missingCharsetWithUtf8BytesIsUtf8WithoutWarning() throws Exception {
        InboundMessage m = mail().text("\n").bytes("转账失败 ✓".getBytes(StandardCharsets.UTF_8)).text("\n")
                .parse().message();

        assertThat(m.text()).isEqualTo("转账失败 ✓");
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void unknownCharsetFallsBackWithAWarningNamingPartAndLabel() throws Exception {
        InboundMessage m = mail().text("""
                Content-Type: multipart/mixed; boundary=b1

                --b1
                Content-Type: text/plain; charset=x-foo
                Content-Transfer-Encoding: 8bit

                """).bytes("账户被锁定".getBytes(StandardCharsets.UTF_8)).text("\n--b1--\n").parse().message();

        assertThat(m.text()).isEqualTo("账户被锁定");
        assertThat(m.warnings()).containsExactly("part 1 (text/plain): unknown charset \"x-foo\", decoded as UTF-8");
    }

    @Test
    void utf8BomIsStripped() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        InboundMessage m = mail().text("Content-Type: text/plain; charset=utf-8\n\n").bytes(bom).text("hello\n")
                .parse().message();

        assertThat(m.text()).isEqualTo("hello");
    }

    @Test
    void rawEightBitGbkSubjectHeaderIsRecovered() throws Exception {
        InboundMessage m = mail().text("From: ").bytes(encode("李雷", "GBK")).text(" <lilei@x.example>\nSubject: ")
                .bytes(encode("忘记密码，无法登录", "GBK")).text("\n\nhi\n").parse().message();

        assertThat(m.subject()).isEqualTo("忘记密码，无法登录");
        assertThat(m.sender()).isEqualTo(new Party("lilei@x.example", "李雷"));
        assertThat(m.warnings()).contains("header Subject: raw 8-bit bytes, decoded as GB18030");
    }

    @Test
    void rawUtf8HeadersAreRfc6532AndNeedNoWarning() throws Exception {
        InboundMessage m = mail().text("Subject: ").bytes("解绑银行卡".getBytes(StandardCharsets.UTF_8))
                .text("\n\nhi\n").parse().message();

        assertThat(m.subject()).isEqualTo("解绑银行卡");
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void multibyteCharacterSplitAcrossEncodedWordsIsJoined() throws Exception {
        byte[] utf8 = "充值失败".getBytes(StandardCharsets.UTF_8); // 12 bytes; split inside the 2nd character
        byte[] gbk = encode("账户冻结", "GBK"); // 8 bytes; split inside the 3rd character
        InboundMessage m = mail().text("Subject: " + bWord("UTF-8", Arrays.copyOfRange(utf8, 0, 4)) + "\n "
                + bWord("utf-8", Arrays.copyOfRange(utf8, 4, 12)) + " / "
                + bWord("GB2312", Arrays.copyOfRange(gbk, 0, 5))
                + bWord("GB2312", Arrays.copyOfRange(gbk, 5, 8)) + "\n\nhi\n").parse().message();

        assertThat(m.subject()).isEqualTo("充值失败 / 账户冻结");
    }

    // ---- MIME structure ----

    @Test
    void alternativePrefersPlainText() throws Exception {
        InboundMessage m = parse("""
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=utf-8

                Plain version
                --alt
                Content-Type: text/html; charset=utf-8

                <p>HTML version</p>
                --alt--
                """).message();

        assertThat(m.text()).isEqualTo("Plain version");
        assertThat(m.htmlPresent()).isTrue();
    }

    @Test
    void alternativeWithBlankPlainPartUsesTheHtml() throws Exception {
        InboundMessage m = parse("""
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=utf-8

                \s\s
                --alt
                Content-Type: text/html; charset=utf-8

                <div>HTML <b>version</b></div>
                --alt--
                """).message();

        assertThat(m.text()).isEqualTo("HTML version");
    }

    @Test
    void mixedAndRelatedTakeTheFirstBodyAndAppendOtherInlineTexts() throws Exception {
        Intake intake = parse("""
                Content-Type: multipart/mixed; boundary="mix"

                --mix
                Content-Type: multipart/related; boundary="rel"

                --rel
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain

                First body text
                --alt
                Content-Type: text/html

                <p>First body <img src="cid:img1"></p>
                --alt--
                --rel
                Content-Type: image/png
                Content-ID: <img1>
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --rel--
                --mix
                Content-Type: application/pdf; name="statement.pdf"
                Content-Disposition: attachment; filename="statement.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --mix
                Content-Type: text/plain
                Content-Disposition: inline

                Footer added by the list
                --mix--
                """);
        InboundMessage m = intake.message();

        assertThat(m.text()).isEqualTo("First body text\n\nFooter added by the list");
        assertThat(m.attachments()).extracting(Attachment::name, Attachment::mediaType, Attachment::inline)
                .containsExactly(
                        tuple("attachment-1.png", "image/png", true),
                        tuple("statement.pdf", "application/pdf", false));
    }

    @Test
    void htmlOnlyMailBecomesReadableTextWithQuotedHistoryApart() throws Exception {
        InboundMessage m = parse("""
                Content-Type: text/html; charset=utf-8

                <html><head><title>t</title><style>p{color:red}</style></head><body>
                <script>alert(1)</script>
                <div dir="ltr">Hello&nbsp;team,<br>my transfer to <b>Wang&amp;Co</b> failed.
                <ul><li>Amount: &yen;500</li><li>Time: 10:00</li></ul></div>
                <div class="gmail_quote"><div class="gmail_attr">On Mon, 29 Apr 2024 Support wrote:</div>
                <blockquote>Please tell us the amount.</blockquote></div>
                </body></html>
                """).message();

        assertThat(m.text()).isEqualTo("Hello team,\nmy transfer to Wang&Co failed.\n\n- Amount: ¥500\n- Time: 10:00");
        assertThat(m.quotedText()).contains("On Mon, 29 Apr 2024 Support wrote:")
                .contains("Please tell us the amount.");
        assertThat(m.htmlPresent()).isTrue();
    }

    @Test
    void htmlCharsetFromMetaWhenTheHeaderHasNone() throws Exception {
        InboundMessage m = mail().text("Content-Type: text/html\n\n<html><head><meta charset=\"gbk\"></head><body>")
                .bytes(encode("验证码收不到", "GBK")).text("</body></html>\n").parse().message();

        assertThat(m.text()).isEqualTo("验证码收不到");
    }

    @Test
    void formatFlowedIsUnwrapped() throws Exception {
        InboundMessage m = parse("""
                Content-Type: text/plain; charset=utf-8; format=flowed

                This line was wrapped by\s
                the mail client.

                Next paragraph.
                """).message();

        assertThat(m.text()).isEqualTo("This line was wrapped by the mail client.\n\nNext paragraph.");
    }

    @Test
    void contentTransferEncodingOnAMultipartIsIgnored() throws Exception {
        InboundMessage m = parse("""
                Content-Transfer-Encoding: base64
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain
                Content-Transfer-Encoding: base64

                aGVsbG8=
                --b--
                """).message();

        assertThat(m.text()).isEqualTo("hello");
    }

    @Test
    void sloppyContentTransferEncodingsAreUnderstood() throws Exception {
        assertThat(parse("Content-Transfer-Encoding: Base64;\n\naGVsbG8=\n").message().text()).isEqualTo("hello");
        assertThat(parse("Content-Transfer-Encoding: quoted printable\n\na=3Db\n").message().text()).isEqualTo("a=b");
        InboundMessage unknown = parse("Content-Transfer-Encoding: x-magic\n\nplain\n").message();
        assertThat(unknown.text()).isEqualTo("plain");
        assertThat(unknown.warnings()).containsExactly(
                "message body (text/plain): unknown Content-Transfer-Encoding \"x-magic\", kept undecoded");
    }

    // ---- attachments ----

    @Test
    void attachmentsAreDescribedHashedAndStoredUnderTheLimit() throws Exception {
        byte[] small = "screenshot bytes".getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[(int) TestMails.LIMIT + 1];
        new Random(1).nextBytes(big);
        Intake intake = mail().text("Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n"
                + "see attached\n"
                + "--b\nContent-Type: image/jpeg; name=\"shot.jpg\"\nContent-Transfer-Encoding: base64\n\n" + b64(small)
                + "\n--b\nContent-Type: image/jpeg\nContent-Disposition: attachment; filename=\"copy.jpg\"\n"
                + "Content-Transfer-Encoding: base64\n\n" + b64(small)
                + "\n--b\nContent-Type: application/zip\nContent-Transfer-Encoding: base64\n\n" + b64(big)
                + "\n--b--\n").parse();
        InboundMessage m = intake.message();
        String smallSha = TestMails.sha256(small);

        assertThat(m.attachments()).containsExactly(
                new Attachment("shot.jpg", "image/jpeg", small.length, smallSha, false, true),
                new Attachment("copy.jpg", "image/jpeg", small.length, smallSha, false, true),
                new Attachment("attachment-3.zip", "application/zip", big.length, TestMails.sha256(big), false, false));
        // identical bytes are stored once; the over-limit ones not at all
        assertThat(intake.attachmentContents()).hasSize(1);
        AttachmentContent content = intake.attachmentContents().get(0);
        assertThat(content.sha256()).isEqualTo(smallSha);
        assertThat(content.mediaType()).isEqualTo("image/jpeg");
        assertThat(content.bytes()).isEqualTo(small);
        assertThat(m.text()).isEqualTo("see attached");
    }

    @Test
    void textPartsWithAFilenameOrAttachmentDispositionAreAttachments() throws Exception {
        InboundMessage m = parse("""
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                body
                --b
                Content-Type: text/plain; name="log.txt"

                log line
                --b
                Content-Type: text/html
                Content-Disposition: attachment

                <p>receipt</p>
                --b--
                """).message();

        assertThat(m.text()).isEqualTo("body");
        assertThat(m.attachments()).extracting(Attachment::name).containsExactly("log.txt", "attachment-2.html");
    }

    @Test
    void rfc2231AndEncodedWordFilenames() throws Exception {
        String gbkPct = pct(encode("王堃的截图.png", "GBK"));
        InboundMessage m = parse("""
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: image/png
                Content-Disposition: attachment; filename*=UTF-8''%E5%85%85%E5%80%BC%E8%AE%B0%E5%BD%95.png

                x
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment;
                 filename*0*=UTF-8''%E4%BA%A4%E6%98%93;
                 filename*1="-2024";
                 filename*2*=%E6%98%8E%E7%BB%86.pdf

                x
                --b
                Content-Type: image/png
                Content-Disposition: attachment; filename*=GB2312'zh'GBKPCT

                x
                --b
                Content-Type: image/png; name="=?UTF-8?B?5oiq5Zu+LnBuZw==?="
                Content-Disposition: attachment; filename="=?utf-8?B?5oiq5Zu+LnBuZw==?="

                x
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="C:\\\\Users\\\\li\\\\Desktop\\\\bill.xlsx"

                x
                --b--
                """.replace("GBKPCT", gbkPct)).message();

        assertThat(m.attachments()).extracting(Attachment::name)
                .containsExactly("充值记录.png", "交易-2024明细.pdf", "王堃的截图.png", "截图.png", "bill.xlsx");
    }

    private static String pct(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append('%').append(String.format("%02X", b & 0xFF));
        }
        return sb.toString();
    }

    @Test
    void nestedMessageIsAnAttachmentNamedAfterItsSubject() throws Exception {
        Intake intake = parse("""
                Subject: Fwd: receipt
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                Forwarding the receipt.
                --b
                Content-Type: message/rfc822

                From: shop@x.example
                Subject: =?UTF-8?B?5pSv5LuY5oiQ5Yqf?= / order 42
                Message-ID: <receipt@x.example>

                Paid.
                --b--
                """);
        Attachment eml = intake.message().attachments().get(0);

        assertThat(eml.name()).isEqualTo("支付成功 order 42.eml");
        assertThat(eml.mediaType()).isEqualTo("message/rfc822");
        assertThat(intake.message().text()).isEqualTo("Forwarding the receipt.");
        assertThat(intake.noise()).isNull();
    }

    // ---- broken structures ----

    @Test
    void multipartWithoutAnyBoundaryLineIsReadAsItsText() throws Exception {
        // issue 16: this was quarantined (angus: "Missing start boundary"), while every reference parser reads it.
        // RFC 2046 5.1.1: without a delimiter line there are no body parts; the body is what the sender wrote.
        InboundMessage m = parse("""
                From: a@b.example
                Content-Type: multipart/mixed; boundary="abc"

                This body was cut off by a broken relay; it has no MIME parts at all.
                """).message();

        assertThat(m.text()).isEqualTo("This body was cut off by a broken relay; it has no MIME parts at all.");
        assertThat(m.warnings()).containsExactly(
                "message body (multipart/mixed): Missing start boundary (no line \"--abc\"), read as text/plain");
    }

    @Test
    void binaryBytesWithoutAnAuthorsHeaderFieldAreAParseError() {
        byte[] raw = mail().text("Received: from x by y\n\n").bytes(new byte[] {0, 1, 2, 3, 'P', 'K', 3, 4})
                .build();

        assertThatThrownBy(() -> new MailParser(10).parse(raw, TestMails.CHANNEL, TestMails.RECEIVED))
                .isInstanceOf(MailParseException.class).hasMessageStartingWith("message: not a mail: no From, Date");
    }

    @Test
    void wrongBoundaryParameterIsRecoveredFromTheBody() throws Exception {
        InboundMessage m = parse("""
                Content-Type: multipart/mixed; boundary="declared"

                --actual-boundary-1
                Content-Type: text/plain

                still readable
                --actual-boundary-1--
                """).message();

        assertThat(m.text()).isEqualTo("still readable");
        assertThat(m.warnings()).containsExactly(
                "message body (multipart/mixed): boundary \"declared\" not found, used \"actual-boundary-1\""
                        + " from the body");
    }

    @Test
    void brokenNestedMultipartKeepsTheRestOfTheMail() throws Exception {
        Intake intake = parse("""
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain

                The customer's words survive.
                --outer
                Content-Type: multipart/alternative; boundary="inner"

                no boundary here
                --outer--
                """);

        assertThat(intake.message().text()).isEqualTo("The customer's words survive.");
        assertThat(intake.message().warnings()).containsExactly(
                "part 2 (multipart/alternative): Missing start boundary (no line \"--inner\"), kept as an attachment");
        assertThat(intake.message().attachments()).hasSize(1);
    }

    @Test
    void headersOnlyMultipartIsAnEmptyMessageNotAnError() throws Exception {
        InboundMessage m = parse("Subject: top-up failed\nContent-Type: multipart/mixed; boundary=x\n\n\n")
                .message();

        assertThat(m.subject()).isEqualTo("top-up failed");
        assertThat(m.text()).isEmpty();
        assertThat(m.warnings()).containsExactly("message body (multipart/mixed): empty body");
    }

    @Test
    void deepNestingIsCappedWithoutStackOverflow() throws Exception {
        StringBuilder sb = new StringBuilder("Subject: deep\n");
        int levels = 5_000;
        for (int i = 0; i < levels; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i)
                    .append('\n');
        }
        sb.append("Content-Type: text/plain\n\ninnermost\n");
        InboundMessage m = parse(sb.toString()).message();

        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).contains("nested deeper than 30 levels"));
    }

    @Test
    void degenerateHeaderValuesDoNotBreakParsing() throws Exception {
        Intake intake = parse("""
                From: ;
                To: <>
                Auto-Submitted: ;
                Message-ID: <>
                Date:
                Content-Type: ;
                Content-Transfer-Encoding: ;
                Content-Disposition: =

                text
                """);

        assertThat(intake.message().text()).isEqualTo("text");
        assertThat(intake.message().externalId()).isNull();
        assertThat(intake.message().sender()).isNull();
        assertThat(intake.noise()).isNull();
    }

    @Test
    void garbageAndMutatedMailsYieldAnIntakeOrAMailParseException() {
        byte[][] bases = {mail().text(PLAIN).build(), mail().text("""
                From: =?UTF-8?B?5byg5LiJ?= <a@b.example>
                Subject: =?GB2312?B?s+TWtQ==?= =?utf-8?q?=E5=A4=B1?=
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: multipart/alternative; boundary="a"

                --a
                Content-Type: text/plain; charset=utf-8; format=flowed
                Content-Transfer-Encoding: quoted-printable

                =E5=85=85=E5=80=BC failed\s
                > quoted
                --a
                Content-Type: text/html; charset=gbk

                <div>hi<blockquote>old</blockquote></div>
                --a--
                --m
                Content-Type: message/rfc822

                Subject: inner
                Message-ID: <inner@x>

                inner body
                --m
                Content-Type: image/png; name*=UTF-8''%E5%9B%BE.png
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --m--
                """).build()};
        Random random = new Random(42);
        MailParser parser = new MailParser(1000);
        for (int round = 0; round < 1000; round++) {
            byte[] base = bases[round % 2];
            byte[] raw;
            if (round % 5 == 0) {
                raw = new byte[random.nextInt(2000)];
                random.nextBytes(raw);
            } else {
                raw = Arrays.copyOf(base, random.nextInt(base.length + 1));
                for (int j = 0; j < 8 && raw.length > 0; j++) {
                    raw[random.nextInt(raw.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                assertThat(parser.parse(raw, TestMails.CHANNEL, TestMails.RECEIVED).message()).isNotNull();
            } catch (MailParseException e) {
                assertThat(e.getMessage()).isNotBlank();
                // a bug of ours would surface as a wrapped RuntimeException: only real structure errors may fail
                assertThat(e.getCause()).as("round " + round + ": " + e.getMessage())
                        .isNotInstanceOf(RuntimeException.class);
            } catch (RuntimeException e) {
                fail("round " + round + " threw " + e, e);
            }
        }
    }

    @Test
    void nullBytesAreAParseError() {
        assertThatThrownBy(() -> new MailParser(10).parse(null, TestMails.CHANNEL, TestMails.RECEIVED))
                .isInstanceOf(MailParseException.class).hasMessageContaining("no bytes");
    }

    // ---- text, quotes, language ----

    @Test
    void quotedHistoryAndSignatureAreSplitOff() throws Exception {
        InboundMessage m = parse("""
                From: a@b.example
                Subject: Re: top-up
                Content-Type: text/plain; charset=utf-8

                Still not fixed, please check again.

                Sent from my iPhone

                On Tue, 30 Apr 2024 at 09:00, Support <support@wallet.example> wrote:
                > Please try again.
                """).message();

        assertThat(m.text()).isEqualTo("Still not fixed, please check again.");
        assertThat(m.signature()).isEqualTo("Sent from my iPhone");
        assertThat(m.quotedText()).startsWith("On Tue, 30 Apr 2024").endsWith("> Please try again.");
        assertThat(m.language()).isEqualTo(Language.EN);
    }

    @Test
    void languageCountsSubjectAndCleanText() throws Exception {
        InboundMessage m = mail().text("Subject: Payment failed / ").bytes("支付失败".getBytes(StandardCharsets.UTF_8))
                .text("\nContent-Type: text/plain; charset=utf-8\n\n")
                .bytes("I tried to pay 200 yuan but it failed. 我付款失败了，钱被扣了两次。".getBytes(StandardCharsets.UTF_8))
                .text("\n").parse().message();

        assertThat(m.language()).isEqualTo(Language.MIXED);
    }
}
