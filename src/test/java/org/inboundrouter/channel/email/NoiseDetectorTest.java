package org.inboundrouter.channel.email;

import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Noise;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.channel.email.TestMails.mail;
import static org.inboundrouter.channel.email.TestMails.parse;

class NoiseDetectorTest {

    private static Noise noise(String headers) throws Exception {
        return parse("From: someone@x.example\nMessage-ID: <m1@x.example>\n" + headers + "\nbody text\n").noise();
    }

    private static Noise noiseWithUtf8Subject(String subject, String headers) throws Exception {
        Intake intake = mail().text("From: someone@x.example\nSubject: ")
                .bytes(subject.getBytes(StandardCharsets.UTF_8))
                .text("\n" + headers + "\nbody\n").parse();
        return intake.noise();
    }

    // ---- auto-replies ----

    @Test
    void autoSubmittedOtherThanNo() throws Exception {
        assertThat(noise("Auto-Submitted: auto-replied\n"))
                .isEqualTo(new Noise(Noise.Kind.AUTO_REPLY, "header Auto-Submitted: auto-replied", null));
        assertThat(noise("Auto-Submitted: auto-generated; type=oof\n").kind()).isEqualTo(Noise.Kind.AUTO_REPLY);
        assertThat(noise("Auto-Submitted: no\n")).isNull();
        assertThat(noise("Auto-Submitted: No (written by a person)\n")).isNull();
    }

    @Test
    void autoreplyAndAutorespondHeaders() throws Exception {
        assertThat(noise("X-Autoreply: yes\n").reason()).isEqualTo("header X-Autoreply: yes");
        assertThat(noise("X-Autorespond: Out of office\n").reason()).isEqualTo("header X-Autorespond: Out of office");
    }

    @Test
    void precedenceBulkJunkAutoReply() throws Exception {
        assertThat(noise("Precedence: bulk\n").reason()).isEqualTo("header Precedence: bulk");
        assertThat(noise("Precedence: junk\n").kind()).isEqualTo(Noise.Kind.AUTO_REPLY);
        assertThat(noise("Precedence: auto_reply\n").kind()).isEqualTo(Noise.Kind.AUTO_REPLY);
        assertThat(noise("Precedence: list\n")).isNull();
    }

    @Test
    void autoResponseSuppressAloneIsNotEnough() throws Exception {
        // Outlook sets it on ordinary mail too
        assertThat(noise("X-Auto-Response-Suppress: All\nSubject: My withdrawal is missing\n")).isNull();
    }

    @Test
    void autoResponseSuppressWithAnOutOfOfficeSubject() throws Exception {
        assertThat(noise("X-Auto-Response-Suppress: All\nSubject: Automatic reply: your ticket\n").reason())
                .isEqualTo("header X-Auto-Response-Suppress: All and subject \"Automatic reply: your ticket\"");
        assertThat(noise("X-Auto-Response-Suppress: OOF, DR\nSubject: I am out of office until Monday\n").kind())
                .isEqualTo(Noise.Kind.AUTO_REPLY);
        assertThat(noiseWithUtf8Subject("我正在休假", "X-Auto-Response-Suppress: AutoReply\n").kind())
                .isEqualTo(Noise.Kind.AUTO_REPLY);
        assertThat(noiseWithUtf8Subject("外出中", "X-Auto-Response-Suppress: All\n").kind())
                .isEqualTo(Noise.Kind.AUTO_REPLY);
        assertThat(noiseWithUtf8Subject("不在办公室", "X-Auto-Response-Suppress: All\n").kind())
                .isEqualTo(Noise.Kind.AUTO_REPLY);
    }

    @Test
    void autoReplySubjectPrefixesAlone() throws Exception {
        for (String subject : new String[] {"Automatic reply: 充值失败", "Out of Office: ticket 12", "Auto: hello",
                "Autoreply: hi", "自动回复: 关于退款", "自动回复：关于退款", "自動回覆：帳戶問題", "[自动回复] 你好"}) {
            assertThat(noiseWithUtf8Subject(subject, "")).as(subject)
                    .extracting(Noise::kind).isEqualTo(Noise.Kind.AUTO_REPLY);
        }
    }

    @Test
    void customersWritingOutOfOfficeWordsAreNotNoise() throws Exception {
        assertThat(noiseWithUtf8Subject("外出时无法付款", "")).isNull();
        assertThat(noiseWithUtf8Subject("休假回来发现账户被冻结", "")).isNull();
        assertThat(noiseWithUtf8Subject("Re: 自动回复的邮件没有解决我的问题", "")).isNull();
    }

    // ---- bounces ----

    @Test
    void deliveryStatusReportWithTheOriginalMessage() throws Exception {
        Intake intake = parse("""
                From: Mail Delivery System <MAILER-DAEMON@mx.example>
                Subject: Undelivered Mail Returned to Sender
                Auto-Submitted: auto-replied
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Your message could not be delivered.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example

                Final-Recipient: rfc822; nobody@customer.example
                Action: failed
                Status: 5.1.1
                --r
                Content-Type: message/rfc822

                From: support@wallet.example
                To: nobody@customer.example
                Subject: Your ticket #12
                Message-ID: <reply-12@wallet.example>

                We have refunded you.
                --r--
                """);

        assertThat(intake.noise()).isEqualTo(new Noise(Noise.Kind.BOUNCE,
                "multipart/report; report-type=delivery-status", "reply-12@wallet.example"));
    }

    @Test
    void rfc822HeadersPartGivesTheOriginal() throws Exception {
        Intake intake = parse("""
                From: postmaster@mx.example
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Delivery failed.
                --r
                Content-Type: text/rfc822-headers

                Message-ID: <orig-7@wallet.example>
                Subject: hello
                --r--
                """);

        assertThat(intake.noise().concernsExternalId()).isEqualTo("orig-7@wallet.example");
        assertThat(intake.message().text()).isEqualTo("Delivery failed.");
    }

    @Test
    void mailerDaemonSenderWithInReplyTo() throws Exception {
        Noise noise = parse("""
                From: MAILER-DAEMON
                In-Reply-To: <sent-3@wallet.example>
                Subject: failure notice

                Sorry, I couldn't deliver.
                """).noise();

        assertThat(noise).isEqualTo(new Noise(Noise.Kind.BOUNCE, "sender MAILER-DAEMON", "sent-3@wallet.example"));
    }

    @Test
    void emptyReturnPathWithABounceSubjectFindsTheMessageIdInTheText() throws Exception {
        Intake intake = mail().text("Return-Path: <>\nFrom: system@mx.example\nSubject: ")
                .bytes("系统退信".getBytes(StandardCharsets.UTF_8))
                .text("\nContent-Type: text/plain; charset=utf-8\n\n"
                        + "The original mail:\nMessage-ID: <orig-9@wallet.example>\n")
                .parse();

        assertThat(intake.noise().kind()).isEqualTo(Noise.Kind.BOUNCE);
        assertThat(intake.noise().reason()).startsWith("empty Return-Path and subject");
        assertThat(intake.noise().concernsExternalId()).isEqualTo("orig-9@wallet.example");
    }

    @Test
    void emptyReturnPathAloneIsNotABounce() throws Exception {
        assertThat(noise("Return-Path: <>\nSubject: My refund\n")).isNull();
    }

    @Test
    void failedRecipientsHeader() throws Exception {
        Noise noise = noise("X-Failed-Recipients: nobody@customer.example\n");

        assertThat(noise.kind()).isEqualTo(Noise.Kind.BOUNCE);
        assertThat(noise.reason()).isEqualTo("header X-Failed-Recipients: nobody@customer.example");
        assertThat(noise.concernsExternalId()).isNull();
    }

    // ---- read receipts ----

    @Test
    void dispositionNotificationIsAReadReceipt() throws Exception {
        Noise noise = parse("""
                From: customer@x.example
                Subject: Read: your ticket
                Content-Type: multipart/report; report-type=disposition-notification; boundary="r"

                --r
                Content-Type: text/plain

                Your message was displayed.
                --r
                Content-Type: message/disposition-notification

                Reporting-UA: mail.x.example
                Original-Message-ID: <reply-5@wallet.example>
                Disposition: manual-action/MDN-sent-manually; displayed
                --r--
                """).noise();

        assertThat(noise).isEqualTo(new Noise(Noise.Kind.READ_RECEIPT,
                "multipart/report; report-type=disposition-notification", "reply-5@wallet.example"));
    }

    @Test
    void ordinaryMailIsNotNoise() throws Exception {
        assertThat(noise("Subject: My account is frozen\nX-Mailer: Foxmail\n")).isNull();
    }
}
