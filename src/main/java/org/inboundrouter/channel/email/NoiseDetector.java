package org.inboundrouter.channel.email;

import org.inboundrouter.model.Noise;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes mail written by machines: auto-replies, bounces and read receipts. Answering them would start mail
 * loops; opening tickets for them would bury the desk.
 */
final class NoiseDetector {

    /**
     * What the MIME walk learned that matters here.
     *
     * @param reportType          report-type of a multipart/report, lower case, or null
     * @param deliveryStatus      whether a message/delivery-status part was present
     * @param disposition         whether a message/disposition-notification part was present
     * @param originalMessageId   Message-ID of the first message/rfc822 or text/rfc822-headers part, or null
     * @param originalFromReceipt Original-Message-ID of a disposition notification, or null
     * @param feedbackReport      whether a message/feedback-report part (RFC 5965) was present
     * @param mailingList         whether the mail carries a mailing list's header fields (RFC 2369 List-*, RFC 2919
     *                            List-Id, Mailing-List, X-Mailing-List)
     */
    record MimeFacts(String reportType, boolean deliveryStatus, boolean disposition, String originalMessageId,
            String originalFromReceipt, boolean feedbackReport, boolean mailingList) {

        MimeFacts(String reportType, boolean deliveryStatus, boolean disposition, String originalMessageId,
                String originalFromReceipt) {
            this(reportType, deliveryStatus, disposition, originalMessageId, originalFromReceipt, false, false);
        }
    }

    /* Subjects that auto-responders put in front; alone they are evidence enough. */
    private static final Pattern AUTO_REPLY_PREFIX = Pattern.compile(
            "(?i)^\\s*(automatic reply|auto|autoreply|auto-reply|auto reply|out of office( autoreply)?|自动回复|自動回覆"
                    + "|自動回复|自动答复)\\s*[:：]|^\\s*[\\[【](自动回复|自動回覆|auto-?reply)[\\]】]");
    /* Words that suggest an out-of-office notice; they need a header to back them (customers write "外出" too). */
    private static final Pattern OUT_OF_OFFICE = Pattern.compile(
            "(?i)out of office|out of the office|automatic reply|autoreply|auto-reply|^\\s*auto:|自动回复|自動回覆"
                    + "|休假|不在办公室|不在辦公室|外出");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)undeliverable|undelivered|delivery status notification|mail delivery failed|delivery failure"
                    + "|returned mail|failure notice|delivery has failed|退信|未能送达|投递失败|无法投递|發送失敗");
    private static final Pattern MESSAGE_ID_LINE = Pattern.compile("(?im)^\\s*Message-ID:\\s*<([^<>\\s]+)>");

    private NoiseDetector() {
    }

    /**
     * @param headers     the message's decoded headers (lower-case names)
     * @param subject     the decoded subject, or null
     * @param fromAddress the sender's address, or null
     * @param inReplyTo   the In-Reply-To id, or null
     * @param references  the References ids
     * @param text        the body text, searched for the bounced mail's Message-ID
     */
    static Noise detect(Map<String, String> headers, String subject, String fromAddress, String inReplyTo,
            List<String> references, String text, MimeFacts facts) {
        String replyTarget = inReplyTo != null ? inReplyTo
                : references.isEmpty() ? null : references.get(references.size() - 1);

        if ("disposition-notification".equals(facts.reportType()) || facts.disposition()) {
            String concerns = facts.originalFromReceipt() != null ? facts.originalFromReceipt() : replyTarget;
            return new Noise(Noise.Kind.READ_RECEIPT, facts.disposition() && facts.reportType() == null
                    ? "message/disposition-notification part"
                    : "multipart/report; report-type=disposition-notification", concerns);
        }

        if ("feedback-report".equals(facts.reportType()) || facts.feedbackReport()) {
            // RFC 5965: written by a mailbox provider's feedback loop about a mail it received from us
            return new Noise(Noise.Kind.FEEDBACK_REPORT, facts.feedbackReport() && facts.reportType() == null
                    ? "message/feedback-report part"
                    : "multipart/report; report-type=feedback-report", facts.originalMessageId());
        }

        String bounce = bounceEvidence(headers, subject, fromAddress, facts);
        if (bounce != null) {
            String concerns = facts.originalMessageId();
            if (concerns == null) {
                concerns = replyTarget;
            }
            if (concerns == null && text != null) {
                Matcher m = MESSAGE_ID_LINE.matcher(text);
                concerns = m.find() ? m.group(1) : null;
            }
            return new Noise(Noise.Kind.BOUNCE, bounce, concerns);
        }

        String autoReply = autoReplyEvidence(headers, subject, facts.mailingList());
        return autoReply == null ? null : new Noise(Noise.Kind.AUTO_REPLY, autoReply, null);
    }

    private static String bounceEvidence(Map<String, String> headers, String subject, String fromAddress,
            MimeFacts facts) {
        if ("delivery-status".equals(facts.reportType())) {
            return "multipart/report; report-type=delivery-status";
        }
        if (facts.deliveryStatus()) {
            return "message/delivery-status part";
        }
        if (fromAddress != null) {
            String local = fromAddress.contains("@") ? fromAddress.substring(0, fromAddress.lastIndexOf('@'))
                    : fromAddress;
            String l = local.toLowerCase(Locale.ROOT);
            if (l.equals("mailer-daemon")) {
                return "sender " + fromAddress;
            }
            // postmaster is a role address people write from too ("Bob <postmaster@shop.example>"): it counts only
            // with a bounce's subject
            if (l.equals("postmaster") && subject != null && BOUNCE_SUBJECT.matcher(subject).find()) {
                return "sender " + fromAddress + " and subject \"" + subject + "\"";
            }
        }
        String failed = headers.get("x-failed-recipients");
        if (failed != null) {
            return "header X-Failed-Recipients: " + failed;
        }
        String returnPath = headers.get("return-path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>") && subject != null
                && BOUNCE_SUBJECT.matcher(subject).find()) {
            return "empty Return-Path and subject \"" + subject + "\"";
        }
        return null;
    }

    private static String autoReplyEvidence(Map<String, String> headers, String subject, boolean mailingList) {
        String autoSubmitted = headers.get("auto-submitted");
        String autoSubmittedValue = autoSubmitted == null ? ""
                : autoSubmitted.replaceAll("\\([^()]*\\)", "").split(";", 2)[0].trim();
        if (!autoSubmittedValue.isEmpty() && !autoSubmittedValue.equalsIgnoreCase("no")) {
            return "header Auto-Submitted: " + autoSubmitted.trim();
        }
        for (String name : List.of("x-autoreply", "x-autorespond")) {
            String value = headers.get(name);
            if (value != null) {
                return "header " + (name.equals("x-autoreply") ? "X-Autoreply" : "X-Autorespond") + ": "
                        + value.trim();
            }
        }
        String precedence = headers.get("precedence");
        // RFC 3834 3.1.8: Precedence asks responders not to answer; it does not say a machine wrote the mail. Lists
        // put "bulk" or "list" on every post their members write, so beside a list's header fields it is no
        // evidence; vacation programs put it on their replies, so without them it still is.
        String precedenceValue = precedence == null ? "" : precedence.trim().toLowerCase(Locale.ROOT);
        if (precedenceValue.equals("auto_reply")
                || !mailingList && precedenceValue.matches("bulk|junk")) {
            return "header Precedence: " + precedence.trim();
        }
        // Outlook puts X-Auto-Response-Suppress on ordinary mail sent from some clients and on meeting invites,
        // so it only counts together with an out-of-office subject (Auto-Submitted was handled above).
        String suppress = headers.get("x-auto-response-suppress");
        if (suppress != null && subject != null
                && suppress.toLowerCase(Locale.ROOT).matches(".*\\b(all|oof|autoreply)\\b.*")
                && OUT_OF_OFFICE.matcher(subject).find()) {
            return "header X-Auto-Response-Suppress: " + suppress.trim() + " and subject \"" + subject + "\"";
        }
        if (subject != null && AUTO_REPLY_PREFIX.matcher(subject).find()) {
            return "subject \"" + subject + "\"";
        }
        return null;
    }
}
