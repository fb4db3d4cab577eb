package org.inboundrouter.pipeline;

/**
 * What became of one inbound item.
 *
 * @param ref the message id (created, appended, bounce), the suppressed entry id, or the dedup key (duplicate)
 */
public record IngestOutcome(Kind kind, Long ticketId, String ref, String category) {

    public enum Kind {
        /** a new ticket was opened */
        CREATED,
        /** the message was added to an existing ticket */
        APPENDED,
        /** a bounce was attached to the ticket it concerns */
        BOUNCE_ATTACHED,
        /** machine mail recorded as suppressed, no ticket */
        SUPPRESSED,
        /** seen before: nothing stored */
        DUPLICATE
    }
}
