package org.inboundrouter.channel.email.imap;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.DefaultConsumer;
import org.inboundrouter.channel.email.imap.MailBatches.RawMail;
import org.inboundrouter.config.EmailChannelConfig;
import org.inboundrouter.ops.ChannelActivity;
import org.inboundrouter.pipeline.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one connection to the mailbox on a thread of its own: takes in everything unseen, then waits (IDLE, or a
 * pause of pollInterval when IDLE is off or not offered) and does it again. A lost connection is reopened after a
 * growing pause; whatever was stored but not yet acknowledged is fetched again then and recognized as a duplicate.
 */
final class ImapMailboxConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger("channels");
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /**
     * Mails in flight at once (see IngestLanes). A lane parses its mail and then waits while the store writer commits
     * it with whatever else is queued (pipeline.StoreWriter), so the lanes in flight set the size of the store's
     * batches; a waiting lane holds no store connection. Measured on 2 cores: see BENCHMARKS.md, email.
     */
    private static final int LANES = 32;

    private final EmailChannelConfig config;
    private final Object pauses = new Object();
    private volatile boolean running;
    private volatile MailboxConnection connection;
    private ExecutorService thread;
    private ScheduledExecutorService waker;
    private ExecutorService lanePool;
    private IngestLanes lanes;
    private Future<?> loop;

    ImapMailboxConsumer(ImapMailboxEndpoint endpoint, Processor processor, EmailChannelConfig config) {
        super(endpoint, processor);
        this.config = config;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ExecutorServiceManager executors = getEndpoint().getCamelContext().getExecutorServiceManager();
        thread = executors.newSingleThreadExecutor(this, "imap-" + config.name());
        waker = executors.newSingleThreadScheduledExecutor(this, "imap-waker-" + config.name());
        lanePool = executors.newFixedThreadPool(this, "imap-lane-" + config.name(), LANES);
        lanes = new IngestLanes(lanePool, LANES);
        running = true;
        loop = thread.submit(this::run);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        synchronized (pauses) {
            pauses.notifyAll();
        }
        MailboxConnection idling = connection;
        if (idling != null) {
            waker.execute(idling::wake);
        }
        try {
            // the mail in hand is finished and acknowledged before the route's processors go
            loop.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("Mailbox {}: still busy after {} s; leaving it to finish", config.name(), STOP_WAIT.toSeconds());
        }
        ExecutorServiceManager executors = getEndpoint().getCamelContext().getExecutorServiceManager();
        executors.shutdownNow(waker);
        executors.shutdownNow(lanePool);
        executors.shutdownNow(thread);
        super.doStop();
    }

    private void run() {
        Backoff backoff = new Backoff(FIRST_RETRY, LAST_RETRY);
        boolean wasConnected = false;
        while (running) {
            try (MailboxConnection open = MailboxConnection.open(config)) {
                connection = open;
                LOG.info("Mailbox {}: {} {}:{}/{}, {}", config.name(), wasConnected ? "reconnected to" : "connected to",
                        config.host(), config.port(), config.folder(), open.idles() ? "waiting with IDLE"
                                : "polling every " + config.pollInterval().toMillis() + " ms");
                wasConnected = true;
                if (open.idles()) {
                    open.wakeOnNewMail(waker);
                }
                serve(open, backoff);
            } catch (MessagingException | RuntimeException e) {
                if (!running) {
                    break;
                }
                Duration wait = backoff.next();
                activity().failed(config.name(), e);
                LOG.warn("Mailbox {}: {}; reconnecting in {} s", config.name(), activity().redact(String.valueOf(
                        e.getMessage())), wait.toMillis() / 1000.0);
                pause(wait);
            } finally {
                connection = null;
            }
        }
    }

    private void serve(MailboxConnection open, Backoff backoff) throws MessagingException {
        while (running) {
            boolean allStored = drain(open);
            backoff.reset();
            activity().succeeded(config.name());
            if (!running) {
                return;
            }
            if (open.idles() && allStored) {
                open.idle(config.idleRenew(), waker);
            } else {
                // mail that failed waits pollInterval, not until the next change to the folder
                pause(config.pollInterval());
            }
        }
    }

    /** Takes in everything unseen, batch by batch; false when some mail failed and stays for the next round. */
    private boolean drain(MailboxConnection open) throws MessagingException {
        Set<Message> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        while (running) {
            List<Message> unseen = new ArrayList<>(open.unseen());
            unseen.removeAll(failed);
            if (unseen.isEmpty()) {
                break;
            }
            for (List<Message> batch : MailBatches.split(open.folder(), unseen)) {
                IngestLanes.Outcome outcome = lanes.ingest(MailBatches.fetch(open.folder(), batch), this::ingest,
                        () -> running);
                failed.addAll(outcome.failed());
                Acknowledgement.apply(config.afterImport(), open, outcome.stored());
                if (!running) {
                    break;
                }
            }
        }
        return failed.isEmpty();
    }

    /** One mail through the route; true once it is stored, quarantined or recognized as a duplicate. */
    private boolean ingest(RawMail mail) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(mail.raw());
            exchange.setProperty(Inbound.RAW, mail.raw());
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        releaseExchange(exchange, false);
        if (failure != null) {
            LOG.warn("Mailbox {}: mail UID {} stays on the server for the next round: {}", config.name(), mail.uid(),
                    failure.getMessage());
        }
        return failure == null;
    }

    private void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        synchronized (pauses) {
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(pauses, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private ChannelActivity activity() {
        return ChannelActivity.of(getEndpoint().getCamelContext());
    }
}
