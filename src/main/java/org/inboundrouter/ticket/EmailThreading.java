package org.inboundrouter.ticket;

import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.store.StoreTransaction;
import org.inboundrouter.store.StoreTransaction.TicketHead;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Email threading: a reply joins the ticket of a stored message it names in In-Reply-To or References; failing
 * that, the ticket whose token ({@code [#123]}) is in the subject, but only when the sender is that ticket's customer,
 * so that a stranger quoting a token cannot write into someone else's ticket.
 */
public final class EmailThreading implements Threading {

    @Override
    public Optional<Long> ticketFor(InboundMessage message, StoreTransaction tx) throws SQLException {
        List<String> named = new ArrayList<>();
        if (message.conversation().inReplyTo() != null) {
            named.add(message.conversation().inReplyTo());
        }
        named.addAll(message.conversation().references());
        Optional<Long> byReference = tx.ticketHoldingAny(named);
        if (byReference.isPresent()) {
            return byReference;
        }
        String sender = message.sender() == null ? null : message.sender().address();
        if (sender == null) {
            return Optional.empty();
        }
        for (long id : SubjectToken.find(message.subject())) {
            Optional<TicketHead> head = tx.ticketHead(id);
            if (head.isPresent() && sameAddress(head.get().customerAddress(), sender)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    private static boolean sameAddress(String a, String b) {
        return a != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
