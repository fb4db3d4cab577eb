package org.inboundrouter;

import io.vertx.core.VertxOptions;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.inboundrouter.channel.webhook.WebhookRoutes;
import org.inboundrouter.config.AppSettings;
import org.inboundrouter.channel.ChannelManager;
import org.inboundrouter.config.ChannelConfig;
import org.inboundrouter.config.Ports;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.delivery.SinkConfig;
import org.inboundrouter.devmail.LocalMailServer;
import org.inboundrouter.http.HttpListeners;
import org.inboundrouter.http.ListenerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.util.List;

/**
 * The running daemon: Camel Main with the HTTP server, the channel routes and the ingest pipeline, plus the local
 * mail server when it is switched on. Camel Main owns the shutdown: on SIGTERM it stops the consumers, lets in-flight
 * messages finish (camel.main.shutdown-timeout), and only then are the store and the mail server closed.
 */
public final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final int WEBHOOK_WORKERS = 64;

    private final AppSettings settings;
    private final List<ChannelConfig> channels;
    private final Main main = new Main();
    private LocalMailServer mailServer;
    private HttpListeners listeners;
    private Components components;

    private final List<SinkConfig> sinks;

    public Daemon(AppSettings settings, List<ChannelConfig> channels) {
        this(settings, channels, List.of());
    }

    private final Secrets secrets;
    private ChannelManager manager;

    public Daemon(AppSettings settings, List<ChannelConfig> channels, List<SinkConfig> sinks) {
        this(settings, channels, sinks, Secrets.fromSystem());
    }

    /** @param secrets resolves the secrets of channel files added or changed while the daemon runs */
    public Daemon(AppSettings settings, List<ChannelConfig> channels, List<SinkConfig> sinks, Secrets secrets) {
        this.settings = settings;
        this.channels = channels;
        this.sinks = sinks;
        this.secrets = secrets;
    }

    /** Runs until shut down; returns the exit code. */
    public int run() throws Exception {
        prepare();
        main.run();
        return main.getExitCode();
    }

    /** Starts without blocking (tests); {@link #stop()} ends it. */
    public void start() throws Exception {
        prepare();
        main.start();
        manager.start(main.getCamelContext(), channels);
    }

    public void stop() throws Exception {
        main.stop();
        closeResources();
    }

    private void prepare() throws Exception {
        // a port another process holds is one sentence now, not a stack trace once Camel starts its server
        if (settings.httpPort() != 0 && settings.httpPort() == settings.http().adminListener().port()) {
            // Vert.x would share one port between the two servers, and the API would answer on the public side
            throw new org.inboundrouter.config.StartupException("inbound.http.port and inbound.admin.port are both " + settings.httpPort()
                    + ": the public and the admin listener need a port each");
        }
        Ports.requireFree(settings.httpHost(), settings.httpPort(), "inbound.http.port, --http-port");
        Ports.requireFree(settings.http().adminListener().host(), settings.http().adminListener().port(),
                "inbound.admin.port, --admin-port");
        if (settings.localMailServer()) {
            mailServer = new LocalMailServer(settings.localMailPorts()).start();
            LOG.warn("Local mail server for trying things out is ON (in memory, not for production): {}",
                    mailServer.describe());
        }
        try {
            components = Components.open(settings, sinks);
        } catch (RuntimeException | java.io.IOException e) {
            closeResources();
            throw e;
        }
        LOG.info("Ticket store: {}", settings.storeUrl() == null
                ? "embedded H2 in " + settings.dataDir().toAbsolutePath() : settings.storeUrl());

        String defaults = "classpath:" + AppSettings.DEFAULTS;
        main.setDefaultPropertyPlaceholderLocation(Files.isRegularFile(settings.applicationProperties())
                ? defaults + ",file:" + settings.applicationProperties().toAbsolutePath() : defaults);
        // two listeners of our own instead of platform-http's one server: public (webhooks), admin (API, health)
        main.addOverrideProperty("camel.server.enabled", "false");
        // each webhook waits on a worker thread for its commit; more of them in flight make larger batches.
        // The listeners refuse (413) bodies past the largest any webhook channel accepts; each channel checks its own
        listeners = new HttpListeners(settings.http(), new VertxOptions().setWorkerPoolSize(WEBHOOK_WORKERS),
                WebhookRoutes.largestBody(Components.webhooks(channels)), secrets);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                listeners.bind(getContext());
                getContext().addService(listeners, true, true);
            }
        });
        manager = components.channelManager(secrets);
        for (RoutesBuilder routes : components.daemonRoutes(channels, manager)) {
            main.configure().addRoutesBuilder(routes);
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport main) {
                // mailboxes and webhooks start once everything they feed into runs, and may change while it runs
                try {
                    manager.start(main.getCamelContext(), channels);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the channels: " + e.getMessage(), e);
                }
            }

            @Override
            public void afterStop(BaseMainSupport main) {
                closeResources();
            }
        });
        for (ChannelConfig channel : channels) {
            LOG.info("Channel {} ({}) from {}{}", channel.name(), channel.kind(), channel.file(),
                    channel.enabled() ? "" : ": disabled");
        }
        for (SinkConfig sink : sinks) {
            LOG.info("Sink {} ({}) from {}{}", sink.name(), sink.kind(), sink.file(), sink.enabled() ? "" : ": disabled");
        }
        ListenerSettings admin = settings.http().adminListener();
        LOG.info("Webhooks on {}/webhooks/, the API on {}/api/tickets", settings.http().publicListener().localUrl(),
                admin.localUrl());
        if (!listeners.hasTokens()) {
            LOG.warn("The API needs a bearer token and {} holds none: create one with"
                    + " `java -jar target/inbound-router.jar token create --role read` (see README.md)",
                    listeners.tokensFile());
        }
    }

    /** The public listener's port (webhooks), once started. */
    public int publicPort() {
        return listeners.publicPort();
    }

    /** The admin listener's port (API, health, metrics), once started. */
    public int adminPort() {
        return listeners.adminPort();
    }

    private synchronized void closeResources() {
        if (components != null) {
            components.close();
            components = null;
        }
        if (mailServer != null) {
            mailServer.close();
            mailServer = null;
        }
    }
}
