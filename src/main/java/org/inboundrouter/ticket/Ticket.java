package org.inboundrouter.ticket;

import org.inboundrouter.classify.entity.Entities;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;

import java.time.Instant;
import java.util.List;

/**
 * A ticket as the API shows it. {@code messages} is empty in listings and filled, oldest first, for a single ticket.
 *
 * @param reference the token written into subjects, {@code [#id]}; a reply carrying it is threaded here
 * @param entities  the details found in all its customer messages, without repeats (single ticket only)
 */
public record Ticket(
        long id,
        String reference,
        TicketStatus status,
        String category,
        List<String> categories,
        Priority priority,
        ChannelRef channel,
        Party customer,
        String subject,
        Instant createdAt,
        Instant updatedAt,
        int messageCount,
        Entities entities,
        List<TicketMessage> messages) {
}
