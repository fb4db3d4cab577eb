package org.inboundrouter.ticket;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum TicketStatus {
    OPEN, PENDING, CLOSED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
