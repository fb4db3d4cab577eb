package org.inboundrouter.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Ticket priority, lowest first, so that {@code compareTo} orders by urgency. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Priority of(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    public Priority max(Priority other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }
}
