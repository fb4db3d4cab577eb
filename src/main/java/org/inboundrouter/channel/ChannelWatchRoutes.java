package org.inboundrouter.channel;

import org.apache.camel.builder.RouteBuilder;

import java.time.Duration;

/** {@code channel-watch}: looks at {@code config/channels/} every few seconds (see {@link ChannelManager}). */
public final class ChannelWatchRoutes extends RouteBuilder {

    private final ChannelManager manager;
    private final Duration interval;

    public ChannelWatchRoutes(ChannelManager manager, Duration interval) {
        this.manager = manager;
        this.interval = interval;
    }

    @Override
    public void configure() {
        from("timer:channel-watch?delay=" + interval.toMillis() + "&period=" + interval.toMillis())
                .routeId("channel-watch")
                .process(e -> manager.sync());
    }
}
