package org.inboundrouter.channel.email;

import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Intake;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The torture set of issue 16 (src/test/resources/mail/torture, described in its README.md): each mail breaks one
 * rule the way real mailers do, and each must give the reading a person would give it.
 */
class TortureMailsTest {

    static byte[] fixture(String name) {
        try (InputStream in = TortureMailsTest.class.getResourceAsStream("/mail/torture/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Intake parse(String name) throws MailParseException {
        return new MailParser(TestMails.LIMIT).parse(fixture(name), TestMails.CHANNEL, TestMails.RECEIVED);
    }

    // ---- structure: these were quarantined ----

    @Test
    void declaredBoundaryThatNeverAppearsIsReadAsText() throws Exception {
        InboundMessage m = parse("s01-declared-boundary-never-used.eml").message();

        assertThat(m.subject()).isEqualTo("Withdrawal pending for three days");
        assertThat(m.text()).isEqualTo("Hello,\n\nmy withdrawal of 500 USD has been pending since Monday.\n"
                + "Please check order W-2024-0501.");
        assertThat(m.warnings()).containsExactly("message body (multipart/mixed): Missing start boundary"
                + " (no line \"--=_NextPart_000_0001\"), read as text/plain");
    }

    @Test
    void boundaryLineFollowedByOtherTextIsStillADelimiter() throws Exception {
        InboundMessage m = parse("s02-boundary-line-with-trailing-text.eml").message();

        assertThat(m.text()).isEqualTo("Binding my card fails with error 1043.");
        assertThat(m.htmlPresent()).isTrue();
        assertThat(m.attachments()).isEmpty();
    }

    @Test
    void boundaryParameterWithTrailingBlanksMatchesItsLines() throws Exception {
        InboundMessage m = parse("s03-boundary-parameter-with-trailing-blanks.eml").message();

        assertThat(m.text()).isEqualTo("I asked for a password reset four times and got no mail.");
        assertThat(m.attachments()).singleElement()
                .satisfies(a -> assertThat(a.name()).isEqualTo("steps.txt"))
                .satisfies(a -> assertThat(a.size()).isEqualTo("1. open app 2. tap reset".length()));
        assertThat(m.warnings()).containsExactly("message body (multipart/mixed): blanks at the end of boundary"
                + " \"frontier  \" ignored (RFC 2046 5.1.1 allows none)");
    }

    @Test
    void multipartWithoutPartsIsAnEmptyMessage() throws Exception {
        InboundMessage m = parse("s04-multipart-without-parts.eml").message();

        assertThat(m.subject()).isEqualTo("(no text)");
        assertThat(m.text()).isEmpty();
        assertThat(m.warnings()).containsExactly("message body (multipart/mixed): no parts");
    }

    // ---- structure: text that was lost ----

    @Test
    void mailWithoutHeaderBlockKeepsAllItsText() throws Exception {
        InboundMessage m = parse("s05-no-header-block.eml").message();

        assertThat(m.subject()).isNull();
        assertThat(m.text()).isEqualTo("Hello support team,\nmy account was frozen after I changed my phone number.\n"
                + "Please unfreeze it, my user id is 88231.\n\nThanks, Wei");
        assertThat(m.warnings())
                .containsExactly("message header: no header block, the whole text read as the body (RFC 5322 2.1)");
    }

    @Test
    void headerBlockWithoutItsEmptyLineEndsAtTheFirstLinesOfText() throws Exception {
        InboundMessage m = parse("s06-header-block-ends-at-malformed-line.eml").message();

        assertThat(m.subject()).isEqualTo("transfer missing");
        assertThat(m.sender().address()).isEqualTo("wei@customer.example");
        assertThat(m.text()).isEqualTo("This line is no header field: the body starts here.\n"
                + "The transfer of 200 EUR never arrived.");
        assertThat(m.warnings()).containsExactly("message header: \"This line is no header field: the body starts"
                + " here.\" is no header field (RFC 5322 2.2), the body starts there");
    }

    @Test
    void aFirstLineOfTextFollowedByAnEmptyLineIsNoHeader() throws Exception {
        InboundMessage m = TestMails.parse("Hi support,\n\nmy card is blocked.\n").message();

        assertThat(m.text()).isEqualTo("Hi support,\n\nmy card is blocked.");
    }

    @Test
    void aDelimiterLineRightAfterTheHeaderFieldsStartsTheBody() throws Exception {
        InboundMessage m = TestMails.parse("""
                Subject: no empty line
                Content-Type: multipart/mixed; boundary="b"
                --b
                Content-Type: text/plain

                the text
                --b--
                """).message();

        assertThat(m.subject()).isEqualTo("no empty line");
        assertThat(m.text()).isEqualTo("the text");
    }

    @Test
    void aSingleStrayLineBetweenHeaderFieldsDoesNotEndTheHeaderBlock() throws Exception {
        InboundMessage m = TestMails.parse("""
                From: a@b.example
                quite Delivered-To: x@y.example
                Subject: still a header
                Content-Type: text/plain; charset=utf-8

                body
                """).message();

        assertThat(m.subject()).isEqualTo("still a header");
        assertThat(m.text()).isEqualTo("body");
    }

    @Test
    void aPartWithoutHeadersKeepsItsFirstLine() throws Exception {
        InboundMessage m = TestMails.parse("""
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                one
                --b
                two, with no header block
                --b--
                """).message();

        assertThat(m.text()).isEqualTo("one\n\ntwo, with no header block");
    }

    @Test
    void ofSeveralPlainBranchesOfAnAlternativeTheLastIsKept() throws Exception {
        InboundMessage m = parse("s07-alternative-several-plain-branches.eml").message();

        assertThat(m.text()).isEqualTo("Refund please: order 7781 was charged twice, 2 x 35.00 EUR.");
    }

    @Test
    void aBranchThatOnlyDefaultsToPlainTextLosesToOneThatSaysSo() throws Exception {
        InboundMessage m = TestMails.parse("""
                Content-Type: multipart/alternative; boundary="a"

                --a
                Content-Type: text/plain

                declared plain text
                --a

                <p>a branch without headers, probably the HTML one</p>
                --a--
                """).message();

        assertThat(m.text()).isEqualTo("declared plain text");
    }

    @Test
    void utf8ByteOrderMarkBeforeTheHeadersIsDropped() throws Exception {
        InboundMessage m = TestMails.mail().bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})
                .text("From: abuse@isp.example\nSubject: report\n\ntext\n").parse().message();

        assertThat(m.sender().address()).isEqualTo("abuse@isp.example");
        assertThat(m.subject()).isEqualTo("report");
    }

    @Test
    void inlineUuencodedFileBecomesAnAttachment() throws Exception {
        Intake intake = parse("s08-inline-uuencode.eml");
        InboundMessage m = intake.message();

        assertThat(m.text()).isEqualTo("Here is the log of the failed payment.\n\nRegards, Wei");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("log.txt");
            assertThat(a.size()).isEqualTo(20);
        });
        assertThat(intake.attachmentContents().get(0).bytes())
                .isEqualTo("error 1043 at 09:12\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(m.warnings()).containsExactly(
                "message body (text/plain): uuencoded file \"log.txt\" in the text, kept as an attachment");
    }

    @Test
    void quotedWindowsPathInAFilenameKeepsItsSeparators() throws Exception {
        InboundMessage m = parse("s09-quoted-windows-path-filename.eml").message();

        assertThat(m.attachments()).extracting(a -> a.name()).containsExactly("ofpath3d.pdf");
    }

    // ---- noise ----

    @Test
    void mailingListPostWithPrecedenceBulkIsAHumansMail() throws Exception {
        assertThat(parse("n01-mailing-list-post-precedence-bulk.eml").noise()).isNull();
    }

    @Test
    void aPersonWritingFromAPostmasterAddressIsNoBounce() throws Exception {
        assertThat(parse("n02-human-from-postmaster-address.eml").noise()).isNull();
    }

    @Test
    void postmasterWithABounceSubjectIsStillABounce() throws Exception {
        var noise = TestMails.parse("From: postmaster@mx.example\nSubject: Undeliverable: your ticket\n\nfailed\n")
                .noise();

        assertThat(noise.kind()).isEqualTo(org.inboundrouter.model.Noise.Kind.BOUNCE);
        assertThat(noise.reason())
                .isEqualTo("sender postmaster@mx.example and subject \"Undeliverable: your ticket\"");
    }

    @Test
    void abuseFeedbackReportOpensNoTicket() throws Exception {
        assertThat(parse("n03-abuse-feedback-report.eml").noise()).isEqualTo(new org.inboundrouter.model.Noise(
                org.inboundrouter.model.Noise.Kind.FEEDBACK_REPORT, "multipart/report; report-type=feedback-report",
                "statement-5@wallet.example"));
    }

    @Test
    void precedenceBulkWithoutAListIsStillAnAutoReply() throws Exception {
        // vacation(1) and its kind put Precedence: bulk on their replies
        assertThat(TestMails.parse("From: a@x.example\nPrecedence: bulk\n\nI am away\n").noise().kind())
                .isEqualTo(org.inboundrouter.model.Noise.Kind.AUTO_REPLY);
        assertThat(TestMails.parse("From: a@x.example\nPrecedence: auto_reply\nList-Id: <l.x.example>\n\naway\n")
                .noise().kind()).isEqualTo(org.inboundrouter.model.Noise.Kind.AUTO_REPLY);
    }
}
