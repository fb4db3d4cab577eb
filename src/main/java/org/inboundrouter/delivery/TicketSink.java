package org.inboundrouter.delivery;

import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;

import java.util.Optional;

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
}
