package org.inboundrouter;

import org.apache.camel.RoutesBuilder;
import org.inboundrouter.api.ApiRoutes;
import org.inboundrouter.channel.email.EmailChannelRoutes;
import org.inboundrouter.channel.email.MailParser;
import org.inboundrouter.classify.ClassifierRoutes;
import org.inboundrouter.delivery.DeliveryRoutes;
import org.inboundrouter.delivery.DeliveryWorker;
import org.inboundrouter.delivery.Outbox;
import org.inboundrouter.delivery.SinkConfig;
import org.inboundrouter.classify.Classifier;
import org.inboundrouter.classify.KeywordClassifier;
import org.inboundrouter.classify.ReloadingClassifier;
import org.inboundrouter.classify.TaxonomyReader;
import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ChannelConfig;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.ops.Ops;
import org.inboundrouter.pipeline.IngestPipeline;
import org.inboundrouter.pipeline.IngestRoutes;
import org.inboundrouter.pipeline.Quarantine;
import org.inboundrouter.pipeline.QuarantineRetry;
import org.inboundrouter.model.Priority;
import org.inboundrouter.store.Corrections;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.TicketQueries;
import org.inboundrouter.ticket.ConversationThreading;
import org.inboundrouter.ticket.EmailThreading;
import org.inboundrouter.ticket.Threading;
import org.inboundrouter.channel.ChannelManager;
import org.inboundrouter.channel.ChannelRuntime;
import org.inboundrouter.channel.ChannelWatchRoutes;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.channel.ConsumerChannelConfig;
import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookChannelConfig;
import org.inboundrouter.channel.webhook.WebhookRoutes;
import org.inboundrouter.model.ChannelRef;
import java.time.Clock;
import java.time.Duration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The daemon's parts, wired from its settings: store, pipeline, parsers and the routes that use them. */
public final class Components implements AutoCloseable {

    private final Database database;
    private final IngestPipeline pipeline;
    private final Quarantine quarantine;
    private final TicketQueries queries;
    private final MailParser mailParser;
    private final Classifier classifier;
    private final Corrections corrections;

    private final List<SinkConfig> sinks;
    private final Outbox outbox;
    private final Ops ops;

    private final AppSettings settings;

    private Components(AppSettings settings, Database database, Classifier classifier, List<SinkConfig> sinks) {
        this.settings = settings;
        this.database = database;
        this.classifier = classifier;
        this.sinks = sinks.stream().filter(SinkConfig::enabled).toList();
        this.outbox = new Outbox(database);
        this.ops = new Ops(database, outbox);
        this.pipeline = new IngestPipeline(database, classifier, threading(settings.conversationWindow()),
                this.sinks.stream().map(SinkConfig::name).toList());
        this.quarantine = new Quarantine(database);
        this.queries = new TicketQueries(database);
        this.corrections = new Corrections(database, categories(classifier));
        this.mailParser = new MailParser(settings.maxStoredAttachmentBytes());
    }

    /**
     * Email threads by its own headers; SMS and direct messages by customer within a window of quiet; a help form
     * submission always opens a ticket of its own.
     */
    private static Map<String, Threading> threading(Duration window) {
        Map<String, Threading> byKind = new java.util.HashMap<>();
        byKind.put(ChannelRef.EMAIL, new EmailThreading());
        Threading conversation = new ConversationThreading(window);
        for (String kind : List.of(ChannelRef.SMS, ChannelRef.TELEGRAM, ChannelRef.WHATSAPP, ChannelRef.MESSENGER,
                ChannelRef.INSTAGRAM, ChannelRef.WECHAT, ChannelRef.X)) {
            byKind.put(kind, conversation);
        }
        return byKind;
    }

    /**
     * The live taxonomy's category ids with their default priorities, in its order: what a correction may name (the
     * reloading classifier is asked each time, so an edited taxonomy counts as soon as it is in force).
     */
    private static java.util.function.Supplier<Map<String, Priority>> categories(Classifier classifier) {
        if (classifier instanceof ReloadingClassifier reloading) {
            return () -> defaultPriorities(reloading.current());
        }
        if (classifier instanceof KeywordClassifier keyword) {
            Map<String, Priority> fixed = defaultPriorities(keyword);
            return () -> fixed;
        }
        return Map::of;
    }

    private static Map<String, Priority> defaultPriorities(KeywordClassifier classifier) {
        Map<String, Priority> byId = new java.util.LinkedHashMap<>();
        classifier.taxonomy().categories().forEach(c -> byId.put(c.id(), c.priority()));
        return java.util.Collections.unmodifiableMap(byId);
    }

    /** Opens the store and loads the taxonomy; a taxonomy with problems throws ConfigException before anything runs. */
    public static Components open(AppSettings settings) throws java.io.IOException {
        return open(settings, List.of());
    }

    /** As {@link #open(AppSettings)}, delivering to {@code sinks} besides the embedded store. */
    public static Components open(AppSettings settings, List<SinkConfig> sinks) throws java.io.IOException {
        Classifier classifier = Files.isRegularFile(settings.taxonomy())
                ? ReloadingClassifier.open(settings.taxonomy())
                : new KeywordClassifier(TaxonomyReader.builtIn());
        Database db;
        if (settings.storeUrl() == null) {
            db = Database.embedded(settings.dataDir(),
                    settings.storeEncryptionKey() == null ? null : settings.storeEncryptionKey().value());
        } else {
            db = Database.open(settings.storeUrl(), settings.storeUser(),
                    settings.storePassword() == null ? null : settings.storePassword().value());
        }
        return new Components(settings, db, classifier, sinks);
    }

    /** Every route, the channels' included: for running without live channel changes (tests, tools). */
    public List<RoutesBuilder> routes(List<? extends ChannelConfig> channels) {
        List<RoutesBuilder> routes = daemonRoutes(channels, null);
        for (ChannelConfig channel : channels) {
            RoutesBuilder live = channel.enabled() ? liveRoutes(channel) : null;
            if (live != null) {
                routes.add(live);
            }
        }
        return routes;
    }

    /**
     * The routes the daemon starts with: everything but the channels that {@code manager} starts and changes live
     * (mailboxes and webhooks), plus the watcher that keeps those in step with their files.
     */
    public List<RoutesBuilder> daemonRoutes(List<? extends ChannelConfig> channels, ChannelManager manager) {
        List<? extends ChannelConfig> enabled = channels.stream().filter(ChannelConfig::enabled).toList();
        List<RoutesBuilder> routes = new java.util.ArrayList<>(List.of(
                new IngestRoutes(pipeline, quarantine),
                new ApiRoutes(queries, database,
                        new QuarantineRetry(database, queries, pipeline, mailParser, outbox), corrections)));
        if (manager != null) {
            routes.add(new ChannelWatchRoutes(manager, settings.channelWatchInterval()));
        }
        ChannelRuntime runtime = new ChannelRuntime(quarantine, Clock.systemUTC());
        for (ChannelConfig channel : enabled) {
            if (channel instanceof ConsumerChannelConfig consumer && !consumer.changesLive()) {
                routes.add(consumer.routes(runtime));
            }
        }
        if (!sinks.isEmpty()) {
            List<DeliveryWorker> workers = sinks.stream().map(s -> ops.observe(new DeliveryWorker(s.sink(), outbox,
                    queries, s.settings(), Clock.systemUTC()).readingBackCategories(corrections, s.kind()))).toList();
            routes.add(new DeliveryRoutes(workers, sinks.stream().map(SinkConfig::settings).toList()));
        }
        if (classifier instanceof ReloadingClassifier reloading) {
            routes.add(new ClassifierRoutes(reloading));
        }
        routes.add(ops.routes());
        return routes;
    }

    /** The routes of a channel that can be added, changed and removed while the daemon runs; null for others. */
    public RoutesBuilder liveRoutes(ChannelConfig channel) {
        if (channel instanceof EmailChannelConfig mailbox) {
            return new EmailChannelRoutes(List.of(mailbox), mailParser, quarantine);
        }
        if (channel instanceof WebhookChannelConfig webhook) {
            return new WebhookRoutes(List.of(webhook.open()));
        }
        if (channel instanceof ConsumerChannelConfig consumer && consumer.changesLive()) {
            return consumer.routes(new ChannelRuntime(quarantine, Clock.systemUTC()));
        }
        return null;
    }

    public ChannelManager channelManager(Secrets secrets) {
        return new ChannelManager(settings.channelsDir(), new ChannelFiles(secrets, settings.channelPlaceholders()),
                this::liveRoutes);
    }

    /** The request handlers of the enabled webhook channels. */
    public static List<WebhookChannel> webhooks(List<? extends ChannelConfig> channels) {
        return channels.stream().filter(ChannelConfig::enabled)
                .filter(WebhookChannelConfig.class::isInstance).map(WebhookChannelConfig.class::cast)
                .map(WebhookChannelConfig::open).toList();
    }

    public Outbox outbox() {
        return outbox;
    }

    public TicketQueries queries() {
        return queries;
    }

    /** Finishes the messages the store writer holds, then closes the store. */
    @Override
    public void close() {
        pipeline.close();
        database.close();
    }
}
