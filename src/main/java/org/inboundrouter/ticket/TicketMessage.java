package org.inboundrouter.ticket;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Priority;

/**
 * A message as part of a ticket: the normalized message plus what it is to the ticket.
 *
 * @param kind {@code customer} for what the customer wrote, {@code bounce} for a delivery failure about this ticket
 */
public record TicketMessage(String kind, String category, Priority priority,
        @JsonUnwrapped InboundMessage message) {
}
