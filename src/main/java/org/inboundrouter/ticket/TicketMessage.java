package org.inboundrouter.ticket;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.entity.Entities;
import org.inboundrouter.model.InboundMessage;

/**
 * A message as part of a ticket: the normalized message plus what it is to the ticket.
 *
 * @param kind           {@code customer} for what the customer wrote, {@code bounce} for a delivery failure about
 *                       this ticket
 * @param classification what the classifier said of it and why (null for a bounce)
 * @param entities       the details pulled out of its text (positions are offsets into {@code text})
 */
public record TicketMessage(String kind, Classification classification, Entities entities,
        @JsonUnwrapped InboundMessage message) {
}
