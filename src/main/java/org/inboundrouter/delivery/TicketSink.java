package org.inboundrouter.delivery;

import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;

import java.util.Optional;
import java.util.Set;

/**
 * An external ticket system the router delivers to (Request Tracker, Zammad, a webhook). Deliveries run from the
 * outbox, retried until they succeed, so every method must be safe to call again after a timeout whose outcome is
 * unknown: {@link #find} lets the outbox discover a ticket that was created although the answer was lost.
 */
public interface TicketSink {

    /** The sink's name from config, e.g. {@code rt}: the key of its outbox rows and remote-id mappings. */
    String name();

    /**
     * The remote ticket created earlier for our ticket {@code ourTicketId}, found by what {@link #create} stored in
     * it (a custom field, an external id, a tag); empty when there is none.
     */
    Optional<String> find(long ourTicketId) throws DeliveryException;

    /**
     * Creates the remote ticket for {@code ticket} with {@code first} as its first article; returns the remote id.
     * The remote ticket must carry our ticket id so that {@link #find} can find it.
     */
    String create(Ticket ticket, TicketMessage first) throws DeliveryException;

    /** Adds a later customer message to the remote ticket {@code remoteId} (RT: correspondence; Zammad: article). */
    void append(String remoteId, Ticket ticket, TicketMessage message) throws DeliveryException;

    /**
     * Category read-back, for corrections made in the ticket system (issue 14): the category values the remote ticket
     * {@code remoteId} carries now, as they are there (RT: the Category custom field; Zammad: its tags). Empty when
     * this sink keeps no category an agent could change: the default.
     */
    default Optional<Set<String>> remoteCategories(String remoteId) throws DeliveryException {
        return Optional.empty();
    }

    /**
     * The category values {@link #create} writes for {@code ticket}, in the form {@link #remoteCategories} reads them
     * back: what a later read-back compares with, so that what the router wrote itself never counts as a correction.
     */
    default Set<String> categoriesWritten(Ticket ticket) {
        return Set.of();
    }
}
