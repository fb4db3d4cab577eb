package org.inboundrouter.bench.email;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.inboundrouter.Components;
import org.inboundrouter.api.ApiRoutes;
import org.inboundrouter.channel.email.EmailChannelRoutes;
import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.model.Intake;
import org.inboundrouter.pipeline.Inbound;
import org.inboundrouter.store.TicketQueries.TicketFilter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's ingestion as the tests run it (store, pipeline, one mailbox channel; no HTTP API) in this JVM, with a
 * fresh embedded store, counting the mails that completed the channel route and noting when each did.
 */
final class BenchRouter implements AutoCloseable {

    private final Components components;
    private final CamelContext context;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<String, Long> completedAt = new ConcurrentHashMap<>();

    /** @param camelMail read IMAP with camel-mail (the email-source Kamelet) instead of the IDLE consumer */
    BenchRouter(EmailChannelConfig mailbox, boolean camelMail, Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        components = Components.open(AppSettings.defaults(dataDir, 0));
        context = new DefaultCamelContext();
        context.getComponent("kamelet", KameletComponent.class).setLocation("classpath:routes/kamelets");
        String channelRoute = EmailChannelRoutes.routeId(mailbox.name());
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
                if (!channelRoute.equals(exchange.getFromRouteId())) {
                    return;
                }
                if (event instanceof CamelEvent.ExchangeFailedEvent) {
                    failed.incrementAndGet();
                    return;
                }
                Intake intake = exchange.getProperty(Inbound.INTAKE, Intake.class);
                if (intake != null) {
                    completedAt.put(intake.message().externalId(), System.nanoTime());
                }
                completed.incrementAndGet();
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeCompletedEvent
                        || event instanceof CamelEvent.ExchangeFailedEvent;
            }
        });
        for (RoutesBuilder routes : components.routes(java.util.List.of())) {
            if (!(routes instanceof ApiRoutes)) {
                context.addRoutes(routes);
            }
        }
        EmailChannelRoutes channel = (EmailChannelRoutes) components.liveRoutes(mailbox);
        context.addRoutes(camelMail ? channel.camelMailForImap() : channel);
    }

    void start() {
        context.start();
    }

    int completed() {
        return completed.get();
    }

    int failed() {
        return failed.get();
    }

    /** System.nanoTime() at which the mail with this Message-ID (without brackets) completed, or null. */
    Long completedAt(String messageId) {
        return completedAt.get(messageId);
    }

    int tickets() throws Exception {
        return components.queries().list(new TicketFilter(null, null, null), 1_000_000, 0).size();
    }

    @Override
    public void close() throws Exception {
        context.close();
        components.close();
    }
}
