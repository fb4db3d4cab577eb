package org.inboundrouter.delivery.rt;

import org.inboundrouter.model.Priority;

/**
 * The RT Priority number written for each of our priorities. RT stores a bare number (0-99 by convention) and labels
 * it through {@code %PriorityAsString}; the defaults leave room below and above for an agent's own adjustments.
 */
public record RtPriorities(int low, int normal, int high, int urgent) {

    public static RtPriorities defaults() {
        return new RtPriorities(20, 50, 70, 90);
    }

    public int of(Priority priority) {
        if (priority == null) {
            return normal;
        }
        return switch (priority) {
            case LOW -> low;
            case NORMAL -> normal;
            case HIGH -> high;
            case URGENT -> urgent;
        };
    }
}
