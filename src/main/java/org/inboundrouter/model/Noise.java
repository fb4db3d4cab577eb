package org.inboundrouter.model;

/**
 * Why a message must not open a ticket: it was written by a machine, not a customer.
 *
 * @param kind               what sort of machine mail it is
 * @param reason             the evidence, for the suppressed list (e.g. "header Auto-Submitted: auto-replied")
 * @param concernsExternalId for a bounce: the Message-ID of the mail that bounced, when it could be found
 */
public record Noise(Kind kind, String reason, String concernsExternalId) {

    public enum Kind {
        AUTO_REPLY, BOUNCE, READ_RECEIPT,
        /** An RFC 5965 abuse or feedback report (ARF) from a mailbox provider's feedback loop. */
        FEEDBACK_REPORT
    }
}
