package org.inboundrouter.channel.email.imap;

import java.time.Duration;

/**
 * Waits between reconnection attempts: doubling from {@code first} up to {@code cap}, back to {@code first} once a
 * connection has done useful work (so that a server that accepts and then drops every login is not hammered).
 */
final class Backoff {

    private final Duration first;
    private final Duration cap;
    private Duration next;

    Backoff(Duration first, Duration cap) {
        this.first = first;
        this.cap = cap;
        this.next = first;
    }

    Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        return now;
    }

    void reset() {
        next = first;
    }
}
