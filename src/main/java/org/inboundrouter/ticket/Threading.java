package org.inboundrouter.ticket;

import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.store.StoreTransaction;

import java.sql.SQLException;
import java.util.Optional;

/** Decides which existing ticket, if any, a new message belongs to. One implementation per channel kind. */
public interface Threading {

    Optional<Long> ticketFor(InboundMessage message, StoreTransaction tx) throws SQLException;

    /** For channel kinds with no conversation rules yet: every message opens a ticket. */
    Threading NEW_TICKET_EACH_TIME = (message, tx) -> Optional.empty();
}
