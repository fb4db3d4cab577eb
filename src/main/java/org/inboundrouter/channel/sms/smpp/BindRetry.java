package org.inboundrouter.channel.sms.smpp;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes the first bind once the daemon has started, and keeps trying every reconnect delay while the SMSC is
 * unreachable or refuses the bind. camel-smpp fails its consumer's (and producer's) start when the first bind fails,
 * which would stop the whole daemon and every other channel; after the first bind, camel-smpp rebinds by itself.
 */
final class BindRetry extends ServiceSupport implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(BindRetry.class);

    /** One bind attempt; throws when it failed (and leaves nothing half-started behind). */
    interface Attempt {
        void run() throws Exception;
    }

    private final CamelContext context;
    private final SmppChannelConfig config;
    private final Attempt attempt;
    private ScheduledExecutorService executor;

    BindRetry(CamelContext context, SmppChannelConfig config, Attempt attempt) {
        this.context = context;
        this.config = config;
        this.attempt = attempt;
    }

    @Override
    protected void doStart() throws Exception {
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "smpp-bind-"
                + config.name());
        context.addStartupListener(this);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // too early: the routes are still starting
    }

    /** After every route has started, so that a started Kamelet route is not started a second time by Camel. */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        executor.execute(this::tryBind);
    }

    private void tryBind() {
        if (!isRunAllowed()) {
            return;
        }
        try {
            attempt.run();
            LOG.info("smpp {}: bound to {}:{} as {} ({})", config.name(), config.host(), config.port(),
                    config.systemId(), config.bindType().name().toLowerCase(java.util.Locale.ROOT));
        } catch (Exception e) {
            Duration delay = config.reconnectDelay();
            LOG.warn("smpp {}: cannot bind to {}:{}: {}; trying again in {} ms", config.name(), config.host(),
                    config.port(), rootMessage(e), delay.toMillis());
            if (isRunAllowed()) {
                executor.schedule(this::tryBind, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
    }
}
