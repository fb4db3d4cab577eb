package org.inboundrouter.delivery;

import java.time.Duration;

/**
 * How a sink's outbox is worked, common to every kind of sink.
 *
 * @param pollInterval   how often the outbox is looked at
 * @param maxAttempts    attempts before an item is quarantined (attempts are not spent while the breaker is open)
 * @param breakerOpenFor how long a failing sink is left alone before one probe
 */
public record SinkSettings(Duration pollInterval, int maxAttempts, Backoff backoff, Duration breakerOpenFor) {

    public static SinkSettings defaults() {
        return new SinkSettings(Duration.ofMillis(500), 15, new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10)),
                Duration.ofSeconds(30));
    }
}
