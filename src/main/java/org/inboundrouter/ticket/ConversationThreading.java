package org.inboundrouter.ticket;

import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.store.StoreTransaction;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Threading for SMS and direct messages, which carry no reply headers: a message joins the same customer's latest
 * ticket on the same kind of channel if it is still open and was updated within the window; otherwise it opens a new
 * ticket. A closed ticket is never reopened this way: "thanks!" a week later is a new conversation.
 */
public final class ConversationThreading implements Threading {

    private final Duration window;

    public ConversationThreading(Duration window) {
        this.window = window;
    }

    @Override
    public Optional<Long> ticketFor(InboundMessage message, StoreTransaction tx) throws SQLException {
        if (message.sender() == null || message.sender().address() == null) {
            return Optional.empty();
        }
        return tx.latestLiveTicket(message.channel().kind(), message.sender().address(),
                message.receivedAt().minus(window));
    }
}
