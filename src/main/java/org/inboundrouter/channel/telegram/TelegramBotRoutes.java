package org.inboundrouter.channel.telegram;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;
import org.inboundrouter.channel.ChannelRuntime;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Json;
import org.inboundrouter.ops.ChannelActivity;
import org.inboundrouter.ops.InboundMetrics;
import org.inboundrouter.pipeline.Inbound;
import org.inboundrouter.pipeline.TransientStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The route of one polled bot: the {@code telegram-source} Kamelet (camel-telegram) long-polls {@code getUpdates};
 * each private message becomes an {@link Intake} and is stored before the next one is looked at.
 *
 * <p>camel-telegram confirms updates to Telegram only by asking for the next batch ({@code offset} = last update_id
 * + 1), and it does so even when an exchange failed. So a message is never allowed to fail here while the daemon runs:
 * a store that is down is retried, with growing pauses, on the polling thread, and no further {@code getUpdates} call
 * (the only thing that confirms anything) is made meanwhile. When the daemon stops during such a wait, the batch is
 * never confirmed and Telegram offers it again after the restart; the dedup key makes what was already stored a
 * duplicate. A message the pipeline fails on for another reason is quarantined with its raw form.
 */
final class TelegramBotRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("inbound");
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(1);

    private final TelegramBotConfig config;
    private final ChannelRuntime runtime;
    private final ChannelRef channel;
    private final TelegramIntakes intakes;
    private ProducerTemplate ingest;

    TelegramBotRoutes(TelegramBotConfig config, ChannelRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
        this.channel = new ChannelRef(config.kind(), config.name());
        this.intakes = new TelegramIntakes(channel, config.botId());
    }

    static String sourceRouteId(String channelName) {
        return "telegram-" + channelName;
    }

    static String routeId(String channelName) {
        return "channel-" + channelName;
    }

    @Override
    public void configure() {
        String sourceId = sourceRouteId(config.name());
        ChannelActivity.of(getContext()).polled(sourceId, channel, config.botToken().value());
        String errors = "telegram-poll-errors-" + config.name();
        getContext().getRegistry().bind(errors, new PollFailureLog(config.name(), config.botToken().value()));

        // parameters travel as properties: the token never appears in a route or endpoint definition. The token's
        // key must be one Camel knows as sensitive, or its start-up summary of properties logs the value
        PropertiesComponent properties = getContext().getPropertiesComponent();
        String prefix = "camel.kamelet.telegram-source." + sourceId + ".";
        Map<String, String> parameters = Map.of(
                "authorizationToken", config.botToken().value(),
                "baseUri", config.baseUri(),
                "pollTimeout", Long.toString(config.pollTimeout().toSeconds()),
                "pollDelay", Long.toString(config.pollDelay().toMillis()),
                "exceptionHandler", "#bean:" + errors);
        parameters.forEach((name, value) -> properties.addOverrideProperty(prefix + name, value));

        from("kamelet:telegram-source/" + sourceId).routeId(routeId(config.name()))
                .setProperty(Inbound.CHANNEL, constant(channel))
                .process(this::normalize).id("normalize-" + config.name())
                .filter(body().isInstanceOf(Intake.class))
                .process(this::storeBeforeNextPoll).id("store-" + config.name());
    }

    private void normalize(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        TelegramUpdate update = PolledMessages.update(body);
        // camel-telegram parsed the JSON into its model and dropped the bytes: its model, written back, is the
        // closest to what Telegram sent (fields the model lacks are gone)
        byte[] raw = body == null ? new byte[0] : Json.mapper().writeValueAsBytes(body);
        exchange.setProperty(Inbound.RAW, raw);
        Optional<Intake> intake;
        try {
            intake = intakes.intake(update, raw, runtime.clock().instant());
        } catch (RuntimeException e) {
            long id = runtime.quarantine().put(channel, raw, null, "parse", "telegram update: " + e);
            InboundMetrics.of(getContext()).quarantined("parse", id);
            LOG.warn("telegram {}: an update could not be read, quarantined as #{}: {}", config.name(), id, e.toString());
            exchange.getIn().setBody(null);
            return;
        }
        exchange.getIn().setBody(intake.orElse(null));
    }

    private void storeBeforeNextPoll(Exchange exchange) throws Exception {
        Intake intake = exchange.getIn().getBody(Intake.class);
        Duration pause = FIRST_RETRY;
        while (true) {
            Exchange result = ingest().send(Inbound.INGEST_ENDPOINT, e -> {
                e.setProperty(Inbound.CHANNEL, channel);
                e.setProperty(Inbound.RAW, intake.raw());
                e.getIn().setBody(intake);
            });
            Exception failure = result.getException();
            if (failure == null) {
                return;
            }
            if (stopping()) {
                // the batch stays unconfirmed at Telegram and comes again after the restart
                throw failure;
            }
            if (!isTransient(failure)) {
                try {
                    long id = runtime.quarantine().put(channel, intake.raw(), intake.dedupKey(), "store",
                            String.valueOf(failure.getMessage()));
                    InboundMetrics.of(getContext()).quarantined("store", id);
                    LOG.warn("telegram {}: message {} could not be stored, quarantined as #{}: {}", config.name(),
                            intake.dedupKey(), id, failure.getMessage());
                    return;
                } catch (TransientStoreException e) {
                    failure = e;
                }
            }
            LOG.warn("telegram {}: could not store message {} ({}); holding the poll and trying again in {}s",
                    config.name(), intake.dedupKey(), failure.getMessage(), pause.toSeconds());
            if (!pauseUnlessStopping(pause)) {
                throw failure;
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause.multipliedBy(2);
        }
    }

    private static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientStoreException) {
                return true;
            }
        }
        return false;
    }

    private boolean stopping() {
        var status = getContext().getStatus();
        var route = getContext().getRouteController().getRouteStatus(routeId(config.name()));
        return status.isStopping() || status.isStopped() || (route != null && (route.isStopping() || route.isStopped()));
    }

    /** Waits {@code pause}; false as soon as the daemon or the route begins to stop. */
    private boolean pauseUnlessStopping(Duration pause) throws InterruptedException {
        long until = System.nanoTime() + pause.toNanos();
        while (System.nanoTime() < until) {
            if (stopping()) {
                return false;
            }
            Thread.sleep(100);
        }
        return !stopping();
    }

    private ProducerTemplate ingest() {
        if (ingest == null) {
            ingest = getContext().createProducerTemplate();
        }
        return ingest;
    }
}
