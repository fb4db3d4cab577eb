package org.inboundrouter.channel.email;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.inboundrouter.Components;
import org.inboundrouter.api.ApiRoutes;
import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.store.TicketQueries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ingestion routes of the daemon (the HTTP API is left to DaemonTest) in a Camel test context, with a fresh
 * embedded store per test, polling the mailboxes a test names.
 */
abstract class MailChannelTestSupport extends CamelTestSupport {

    protected Components components;
    protected TicketQueries queries;
    private Path dataDir;

    protected abstract List<EmailChannelConfig> mailboxes();

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        dataDir = Files.createTempDirectory("inbound-router-test");
        components = Components.open(AppSettings.defaults(dataDir, 0));
        queries = components.queries();
        context.getComponent("kamelet", KameletComponent.class).setLocation("classpath:routes/kamelets");
        return components.routes(mailboxes()).stream().filter(r -> !(r instanceof ApiRoutes))
                .toArray(RoutesBuilder[]::new);
    }

    @Override
    protected void doPostTearDown() throws Exception {
        components.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Waits until the store shows what a test expects: deterministic, whatever the exchange bookkeeping. */
    protected void await(String what, Callable<Boolean> condition) throws Exception {
        if (!context.isStarted()) {
            context.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(50);
        }
    }
}
