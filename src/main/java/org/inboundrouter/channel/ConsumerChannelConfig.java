package org.inboundrouter.channel;

import org.apache.camel.RoutesBuilder;
import org.inboundrouter.config.ChannelConfig;

/**
 * The config of a channel that a Camel consumer drives (an SMSC bind, a long poll): it builds its own routes, which
 * end in {@code direct:ingest} (see {@link org.inboundrouter.pipeline.Inbound#INGEST_ENDPOINT}).
 */
public interface ConsumerChannelConfig extends ChannelConfig {

    RoutesBuilder routes(ChannelRuntime runtime);
}
