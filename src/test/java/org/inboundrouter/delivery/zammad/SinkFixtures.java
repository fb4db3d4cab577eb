package org.inboundrouter.delivery.zammad;

import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.entity.Entities;
import org.inboundrouter.model.Attachment;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.ConversationHints;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Language;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.inboundrouter.ticket.TicketStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tickets and messages as the store hands them to a sink. */
public final class SinkFixtures {

    private SinkFixtures() {
    }

    public static TicketMessage message(String kind, Party sender, String subject, String text,
            Attachment... attachments) {
        InboundMessage m = new InboundMessage(UUID.randomUUID().toString(), new ChannelRef(kind, kind + "-main"),
                "ext-" + UUID.randomUUID(), ConversationHints.none(), sender, List.of(), subject, text, null, null,
                false, List.of(attachments), null, Instant.parse("2024-05-03T08:00:00Z"), Language.ZH, Map.of(),
                null, List.of());
        Classification c = new Classification("refund", List.of("refund", "service_complaint"), Priority.NORMAL);
        return new TicketMessage("customer", c, Entities.none(), m);
    }

    public static Ticket ticket(long id, Priority priority, TicketMessage first, List<String> categories) {
        InboundMessage m = first.message();
        return new Ticket(id, "[#" + id + "]", TicketStatus.OPEN, categories.get(0), categories, priority,
                m.channel(), m.sender(), m.subject(), m.receivedAt(), m.receivedAt(), 1, Entities.none(),
                List.of(first));
    }

    public static Party email() {
        return new Party("zhangsan@example.cn", "Zhang San");
    }
}
