package org.inboundrouter.channel;

import org.apache.camel.RoutesBuilder;
import org.inboundrouter.config.ChannelConfig;

/**
 * The config of a channel that a Camel consumer drives (an SMSC bind, a long poll): it builds its own routes, which
 * end in {@code direct:ingest} (see {@link org.inboundrouter.pipeline.Inbound#INGEST_ENDPOINT}).
 */
public interface ConsumerChannelConfig extends ChannelConfig {

    RoutesBuilder routes(ChannelRuntime runtime);

    /**
     * Whether the channel can be started, restarted and stopped while the daemon runs (its routes are all it has).
     * A channel that also registers services of its own (the SMPP binding) is started with the daemon only.
     */
    default boolean changesLive() {
        return true;
    }
}
