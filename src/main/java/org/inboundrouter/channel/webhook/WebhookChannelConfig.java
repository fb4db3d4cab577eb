package org.inboundrouter.channel.webhook;

import org.inboundrouter.config.ChannelConfig;

/** The config of a channel served under {@code /webhooks/{name}}: it knows how to build its request handler. */
public interface WebhookChannelConfig extends ChannelConfig {

    WebhookChannel open();
}
