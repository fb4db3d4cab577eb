package org.inboundrouter.channel;

import org.inboundrouter.pipeline.Quarantine;

import java.time.Clock;

/** What a channel's routes may use at run time besides {@code direct:ingest}. */
public record ChannelRuntime(Quarantine quarantine, Clock clock) {
}
