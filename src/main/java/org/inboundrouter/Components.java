package org.inboundrouter;

import org.apache.camel.RoutesBuilder;
import org.inboundrouter.api.ApiRoutes;
import org.inboundrouter.channel.email.EmailChannelRoutes;
import org.inboundrouter.channel.email.MailParser;
import org.inboundrouter.classify.ClassifierRoutes;
import org.inboundrouter.classify.Classifier;
import org.inboundrouter.classify.KeywordClassifier;
import org.inboundrouter.classify.ReloadingClassifier;
import org.inboundrouter.classify.TaxonomyReader;
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

    private final Database database;
    private final IngestPipeline pipeline;
    private final Quarantine quarantine;
    private final TicketQueries queries;
    private final MailParser mailParser;
    private final Classifier classifier;

    private Components(AppSettings settings, Database database, Classifier classifier) {
        this.database = database;
        this.classifier = classifier;
        this.pipeline = new IngestPipeline(database, classifier, Map.of("email", new EmailThreading()));
        this.quarantine = new Quarantine(database);
        this.queries = new TicketQueries(database);
        this.mailParser = new MailParser(settings.maxStoredAttachmentBytes());
    }

    /** Opens the store and loads the taxonomy; a taxonomy with problems throws ConfigException before anything runs. */
    public static Components open(AppSettings settings) throws java.io.IOException {
        Classifier classifier = Files.isRegularFile(settings.taxonomy())
                ? ReloadingClassifier.open(settings.taxonomy())
                : new KeywordClassifier(TaxonomyReader.builtIn());
        Database db;
        if (settings.storeUrl() == null) {
            Path dir = settings.dataDir();
            Files.createDirectories(dir);
            db = Database.embedded(dir);
        } else {
            db = Database.open(settings.storeUrl(), settings.storeUser(),
                    settings.storePassword() == null ? null : settings.storePassword().value());
        }
        return new Components(settings, db, classifier);
    }

    public List<RoutesBuilder> routes(List<? extends ChannelConfig> channels) {
        List<EmailChannelConfig> mailboxes = channels.stream()
                .filter(EmailChannelConfig.class::isInstance).map(EmailChannelConfig.class::cast).toList();
        List<RoutesBuilder> routes = new java.util.ArrayList<>(List.of(
                new IngestRoutes(pipeline, quarantine),
                new EmailChannelRoutes(mailboxes, mailParser, quarantine),
                new ApiRoutes(queries, database)));
        if (classifier instanceof ReloadingClassifier reloading) {
            routes.add(new ClassifierRoutes(reloading));
        }
        return routes;
    }

    public TicketQueries queries() {
        return queries;
    }

    @Override
    public void close() {
        database.close();
    }
}
