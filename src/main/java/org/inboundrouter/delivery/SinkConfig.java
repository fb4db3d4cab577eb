package org.inboundrouter.delivery;

import java.nio.file.Path;

/** One external sink, read from one file in {@code config/sinks/}. */
public record SinkConfig(String name, Path file, String kind, boolean enabled, SinkSettings settings,
        TicketSink sink) {
}
