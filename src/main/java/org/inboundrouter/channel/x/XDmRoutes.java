package org.inboundrouter.channel.x;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.inboundrouter.channel.ChannelRuntime;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.ops.ChannelActivity;
import org.inboundrouter.pipeline.Inbound;
import twitter4j.v1.DirectMessage;

import java.util.Map;

/**
 * The route of one {@code x-dm} channel. camel-twitter fetches the whole DM events list (X keeps 30 days, sent and
 * received) on every poll, without its in-memory "only newer than last time" filter: that filter moves past a message
 * as soon as it is fetched, so a message whose storing failed would not come back until a restart. Instead, an
 * idempotent step remembers the ids that went through completely; a failed one is forgotten and taken again on the
 * next poll, and after a restart the store's dedup key ({@code x:<event id>}) turns everything already stored into a
 * duplicate.
 */
final class XDmRoutes extends RouteBuilder {

    static final String KAMELET = "x-directmessage-source";
    private static final String EVENT_ID = "x.dm.id";
    /** More than the 30 days of messages X lists for a busy desk; past it, a re-listed message costs one dedup lookup. */
    private static final int REMEMBERED_IDS = 50_000;

    private final XDmConfig config;
    private final ChannelRuntime runtime;

    XDmRoutes(XDmConfig config, ChannelRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
    }

    static String sourceRouteId(String channelName) {
        return "x-dm-source-" + channelName;
    }

    static String routeId(String channelName) {
        return "x-dm-" + channelName;
    }

    @Override
    public void configure() {
        String sourceId = sourceRouteId(config.name());
        PropertiesComponent properties = getContext().getPropertiesComponent();
        String prefix = "camel.kamelet." + KAMELET + "." + sourceId + ".";
        for (Map.Entry<String, String> p : config.kameletParameters().entrySet()) {
            properties.addOverrideProperty(prefix + p.getKey(), p.getValue());
        }
        ChannelRef channel = new ChannelRef(config.kind(), config.name());
        ChannelActivity.of(getContext()).polled(sourceId, channel, config.consumerSecret().value(),
                config.accessTokenSecret().value(), config.consumerKey().value(), config.accessToken().value());
        XDirectMessages messages = new XDirectMessages(channel, config.ownUserId(), runtime.clock());

        from("kamelet:" + KAMELET + "/" + sourceId).routeId(routeId(config.name()))
                .setProperty(Inbound.CHANNEL, constant(channel))
                .process(e -> e.setProperty(EVENT_ID, e.getIn().getMandatoryBody(DirectMessage.class).getId()))
                .idempotentConsumer(exchangeProperty(EVENT_ID),
                        MemoryIdempotentRepository.memoryIdempotentRepository(REMEMBERED_IDS))
                    .process(messages::toIntake).id("read-" + config.name())
                    .filter(body().isNotNull())
                        .to(Inbound.INGEST_ENDPOINT)
                    .end()
                .end();
    }
}
