package org.inboundrouter;

import org.apache.camel.RoutesBuilder;
import org.inboundrouter.api.ApiRoutes;
import org.inboundrouter.channel.email.EmailChannelRoutes;
import org.inboundrouter.channel.email.MailParser;
import org.inboundrouter.classify.Classifier;
import org.inboundrouter.classify.OtherCategoryClassifier;
import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ChannelConfig;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.pipeline.IngestPipeline;
import org.inboundrouter.pipeline.IngestRoutes;
import org.inboundrouter.pipeline.Quarantine;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.TicketQueries;
import org.inboundrouter.ticket.EmailThreading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The daemon's parts, wired from its settings: store, pipeline, parsers and the routes that use them. */
public final class Components implements AutoCloseable {

    private final AppSettings settings;
    private final Database database;
    private final IngestPipeline pipeline;
    private final Quarantine quarantine;
    private final TicketQueries queries;
    private final MailParser mailParser;

    private Components(AppSettings settings, Database database, Classifier classifier) {
        this.settings = settings;
        this.database = database;
        this.pipeline = new IngestPipeline(database, classifier, Map.of("email", new EmailThreading()));
        this.quarantine = new Quarantine(database);
        this.queries = new TicketQueries(database);
        this.mailParser = new MailParser(settings.maxStoredAttachmentBytes());
    }

    public static Components open(AppSettings settings) throws java.io.IOException {
        Database db;
        if (settings.storeUrl() == null) {
            Path dir = settings.dataDir();
            Files.createDirectories(dir);
            db = Database.embedded(dir);
        } else {
            db = Database.open(settings.storeUrl(), settings.storeUser(),
                    settings.storePassword() == null ? null : settings.storePassword().value());
        }
        return new Components(settings, db, new OtherCategoryClassifier());
    }

    public List<RoutesBuilder> routes(List<? extends ChannelConfig> channels) {
        List<EmailChannelConfig> mailboxes = channels.stream()
                .filter(EmailChannelConfig.class::isInstance).map(EmailChannelConfig.class::cast).toList();
        return List.of(
                new IngestRoutes(pipeline, quarantine),
                new EmailChannelRoutes(mailboxes, mailParser, quarantine),
                new ApiRoutes(queries, database));
    }

    public AppSettings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    public TicketQueries queries() {
        return queries;
    }

    @Override
    public void close() {
        database.close();
    }
}
