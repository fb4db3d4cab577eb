package org.inboundrouter.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;

import java.time.Duration;

/**
 * Puts a {@link RecordingPollStrategy} on the consumer of every watched route when the route starts (camel-mail,
 * camel-telegram and camel-twitter consumers all poll through Camel's scheduled poll), and forgets a channel when
 * its route is removed. Done at route start because Kamelet routes and their consumers exist only then.
 */
final class PollWatcher extends EventNotifierSupport {

    private final ChannelActivity activity;

    private PollWatcher(ChannelActivity activity) {
        this.activity = activity;
        setIgnoreCamelContextEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeEvents(true);
        setIgnoreStepEvents(true);
    }

    static void install(CamelContext context, ChannelActivity activity) {
        PollWatcher watcher = new PollWatcher(activity);
        watcher.setCamelContext(context);
        context.getManagementStrategy().addEventNotifier(watcher);
        if (context.isStarted() || context.isStarting()) {
            // notifiers added to a running context are not started for us
            ServiceHelper.startService(watcher);
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteStartedEvent || event instanceof CamelEvent.RouteRemovedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Route route = ((CamelEvent.RouteEvent) event).getRoute();
        if (event instanceof CamelEvent.RouteRemovedEvent) {
            activity.routeRemoved(route.getRouteId());
            return;
        }
        String channel = activity.channelOfRoute(route.getRouteId());
        if (channel != null && route.getConsumer() instanceof ScheduledPollConsumer consumer) {
            if (!(consumer.getPollStrategy() instanceof RecordingPollStrategy)) {
                consumer.setPollStrategy(new RecordingPollStrategy(consumer.getPollStrategy(), activity, channel));
            }
            activity.pollInterval(channel, Duration.ofMillis(consumer.getTimeUnit().toMillis(consumer.getDelay())));
        }
    }
}
