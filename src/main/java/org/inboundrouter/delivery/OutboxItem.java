package org.inboundrouter.delivery;

/**
 * One pending delivery: a message of a ticket to one sink.
 *
 * @param action {@code create} when the message opened our ticket, {@code append} for a later one
 */
public record OutboxItem(long id, String sink, long ticketId, String messageId, String action, int attempts) {

    public static final String CREATE = "create";
    public static final String APPEND = "append";
}
