package org.inboundrouter.delivery.rt;

import org.inboundrouter.classify.entity.Entities;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Language;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.ticket.SubjectToken;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.inboundrouter.ticket.TicketStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Tickets and messages as the store would hand them to a sink. */
final class RtFixtures {

    private RtFixtures() {
    }

    static TicketMessage message(ChannelRef channel, String sender, String subject, String text) {
        Instant now = Instant.now();
        InboundMessage m = new InboundMessage(UUID.randomUUID().toString(), channel, "ext-" + UUID.randomUUID(),
                null, Party.of(sender), List.of(), subject, text, null, null, false, List.of(), now, now, Language.ZH,
                null, "sha256:00", null);
        return new TicketMessage("customer", null, Entities.none(), m);
    }

    static Ticket ticket(long id, ChannelRef channel, String customer, String subject, String category,
            Priority priority, TicketMessage first) {
        Instant now = Instant.now();
        return new Ticket(id, SubjectToken.of(id), TicketStatus.OPEN, category,
                category == null ? List.of() : List.of(category), priority, channel,
                Party.of(customer), subject, now, now, 1, Entities.none(), List.of(first));
    }
}
