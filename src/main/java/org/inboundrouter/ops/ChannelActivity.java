package org.inboundrouter.ops;

import org.apache.camel.CamelContext;
import org.inboundrouter.model.ChannelRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every channel did lately: the channel routes report into it (one line each, see {@link #of}), the ingest
 * route marks every message received, and the poll strategy {@link PollWatcher} puts on a polled channel's consumer
 * marks each poll. Health and metrics read it.
 *
 * <pre>{@code
 * ChannelActivity.of(getContext()).polled(sourceRouteId, channelRef, password);
 * }</pre>
 */
public final class ChannelActivity {

    static final String BEAN = "inbound-channel-activity";
    private static final Object LOCK = new Object();

    private final Clock clock;
    private final Map<String, ChannelState> channels = new ConcurrentHashMap<>();
    /** the route whose consumer or removal tells about a channel, to that channel's name */
    private final Map<String, String> routes = new ConcurrentHashMap<>();
    private final Redactor redactor = new Redactor();

    ChannelActivity(Clock clock) {
        this.clock = clock;
    }

    /**
     * The context's activity, created on first use: channel routes may be configured before or after the routes
     * that read it, and channels added while the daemon runs find the same one.
     */
    public static ChannelActivity of(CamelContext context) {
        synchronized (LOCK) {
            ChannelActivity activity = context.getRegistry().lookupByNameAndType(BEAN, ChannelActivity.class);
            if (activity == null) {
                activity = new ChannelActivity(Clock.systemUTC());
                context.getRegistry().bind(BEAN, activity);
                PollWatcher.install(context, activity);
            }
            return activity;
        }
    }

    /** A channel whose consumer on route {@code sourceRouteId} polls; {@code secrets} never appear in its errors. */
    public void polled(String sourceRouteId, ChannelRef channel, String... secrets) {
        watch(sourceRouteId, channel, ChannelMode.POLLED, secrets);
    }

    /**
     * A channel that holds a connection; it reports its connection attempts through {@link #attempt}, or through
     * {@link #succeeded} and {@link #failed}.
     */
    public void connected(String routeId, ChannelRef channel, String... secrets) {
        watch(routeId, channel, ChannelMode.CONNECTED, secrets);
    }

    /** A channel the platform calls (a webhook); only its messages are recorded. */
    public void pushed(String routeId, ChannelRef channel) {
        watch(routeId, channel, ChannelMode.PUSHED);
    }

    private void watch(String routeId, ChannelRef channel, ChannelMode mode, String... secrets) {
        redactor.add(secrets);
        routes.put(routeId, channel.name());
        channels.put(channel.name(), new ChannelState(channel.name(), channel.kind(), mode, clock.instant()));
    }

    /** A message from {@code channel} reached the pipeline. */
    public void received(ChannelRef channel) {
        Instant now = clock.instant();
        channels.computeIfAbsent(channel.name(), n -> new ChannelState(n, channel.kind(), ChannelMode.PUSHED, now))
                .received(now);
    }

    /** A poll or connection attempt of the channel worked. */
    public void succeeded(String channel) {
        ChannelState state = channels.get(channel);
        if (state != null) {
            state.succeeded(clock.instant());
        }
    }

    public void failed(String channel, Throwable cause) {
        ChannelState state = channels.get(channel);
        if (state != null) {
            state.failed(clock.instant(), redactor.describe(cause));
        }
    }

    /** One connection attempt of a channel (an SMSC bind): recorded, and rethrown when it failed. */
    public void attempt(ChannelRef channel, Attempt attempt) throws Exception {
        try {
            attempt.run();
        } catch (Exception | Error e) {
            failed(channel.name(), e);
            throw e;
        }
        succeeded(channel.name());
    }

    /** See {@link #attempt}. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws Exception;
    }

    public List<ChannelStatus> statuses() {
        return channels.values().stream().map(ChannelState::status)
                .sorted(Comparator.comparing(ChannelStatus::name)).toList();
    }

    /** {@code text} without any secret a channel registered, nor credentials in URLs. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    Clock clock() {
        return clock;
    }

    String channelOfRoute(String routeId) {
        return routes.get(routeId);
    }

    void pollInterval(String channel, Duration interval) {
        ChannelState state = channels.get(channel);
        if (state != null) {
            state.pollInterval(interval);
        }
    }

    /** The channel's route was removed (its file was removed or changed): it is no longer reported. */
    void routeRemoved(String routeId) {
        String channel = routes.remove(routeId);
        if (channel != null && !routes.containsValue(channel)) {
            channels.remove(channel);
        }
    }
}
