package org.inboundrouter.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.inboundrouter.ops.DeliveryObserver;
import org.inboundrouter.store.Corrections;
import org.inboundrouter.store.TicketQueries;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Works one sink's outbox: delivers what is due in order, records each outcome, and backs off. A circuit breaker
 * stops calling a sink that keeps failing; while it is open nothing is attempted and no attempt is counted, so an
 * outage of the remote system spends none of an item's attempts beyond the first few. Not thread-safe: one worker
 * per sink, driven by one timer.
 */
public final class DeliveryWorker {

    private static final Logger LOG = LoggerFactory.getLogger("delivery");
    private static final int BATCH = 50;

    private final TicketSink sink;
    private final Outbox outbox;
    private final TicketQueries tickets;
    private final SinkSettings settings;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private DeliveryObserver observer = DeliveryObserver.NONE;
    private Corrections corrections;
    private String correctionSource;

    public DeliveryWorker(TicketSink sink, Outbox outbox, TicketQueries tickets, SinkSettings settings, Clock clock) {
        this.sink = sink;
        this.outbox = outbox;
        this.tickets = tickets;
        this.settings = settings;
        this.clock = clock;
        this.breaker = CircuitBreaker.of("sink-" + sink.name(), CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    /** Reports every attempt and outcome to {@code observer} (the metrics); returns this worker. */
    public DeliveryWorker observedBy(DeliveryObserver observer) {
        this.observer = observer;
        return this;
    }

    /**
     * Reads the remote ticket's category back whenever a delivery touches a remote ticket that exists (an append, a
     * find-before-create), and records an agent's change made there as a correction from {@code source} (the sink's
     * kind: {@code rt}, {@code zammad}); see {@link CategoryReadBack}. A sink that keeps no category reads nothing.
     * Returns this worker.
     */
    public DeliveryWorker readingBackCategories(Corrections corrections, String source) {
        if (Corrections.SOURCES.contains(source) && !source.equals(Corrections.API)) {
            this.corrections = corrections;
            this.correctionSource = source;
        }
        return this;
    }

    public String sinkName() {
        return sink.name();
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /**
     * Delivers due items until none is left or the breaker opens; returns how many were delivered. A ticket's next
     * item becomes due only when the one before it is delivered, so the outbox is read again after every round that
     * delivered something.
     */
    public int drain() {
        return drain(() -> true);
    }

    /**
     * As {@link #drain()}, checking {@code keepGoing} before each delivery: on shutdown the worker stops between two
     * deliveries instead of holding the daemon until Camel's shutdown timeout forces it.
     */
    public int drain(java.util.function.BooleanSupplier keepGoing) {
        int delivered = 0;
        while (keepGoing.getAsBoolean()) {
            List<OutboxItem> due;
            try {
                due = outbox.due(sink.name(), clock.instant(), BATCH);
            } catch (SQLException e) {
                LOG.warn("sink {}: cannot read the outbox: {}", sink.name(), e.getMessage());
                return delivered;
            }
            int round = 0;
            for (OutboxItem item : due) {
                if (!keepGoing.getAsBoolean()) {
                    return delivered + round;
                }
                if (!breaker.tryAcquirePermission()) {
                    return delivered + round;
                }
                round += attempt(item) ? 1 : 0;
            }
            delivered += round;
            if (round == 0) {
                return delivered;
            }
        }
        return delivered;
    }

    private boolean attempt(OutboxItem item) {
        // a half-open breaker's probe tests the sink, not the item: its failure is not the item's attempt
        boolean probe = breaker.getState() == CircuitBreaker.State.HALF_OPEN;
        long start = System.nanoTime();
        observer.attempted(sink.name());
        try {
            Delivered delivered = deliver(item);
            String newRemoteId = delivered.newRemoteId();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            outbox.delivered(item, newRemoteId, delivered.remoteCategories(), clock.instant());
            observer.delivered(sink.name(), item.id(), clock.instant());
            LOG.info("sink {}: {} of ticket #{} delivered (message {}){}", sink.name(), item.action(),
                    item.ticketId(), item.messageId(), newRemoteId == null ? "" : ", remote ticket " + newRemoteId);
            return true;
        } catch (DeliveryException e) {
            if (e.permanent()) {
                // the remote answered, so it is up: this item is the problem, not the sink
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            } else {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            }
            observer.failed(sink.name(), e.permanent());
            record(item, e, probe);
        } catch (SQLException e) {
            // our store failed, not the sink: give back the permission (a half-open breaker has only one)
            breaker.releasePermission();
            LOG.warn("sink {}: store error around item {}: {}", sink.name(), item.id(), e.getMessage());
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            observer.failed(sink.name(), false);
            record(item, DeliveryException.transientFailure("unexpected: " + e, e), probe);
        }
        return false;
    }

    private void record(OutboxItem item, DeliveryException e, boolean probe) {
        Instant now = clock.instant();
        try {
            if (probe && !e.permanent()) {
                outbox.retryLater(item, e.getMessage(), settings.breakerOpenFor(), now, false);
                LOG.info("sink {}: still failing ({}); {} of ticket #{} waits, its attempts unspent", sink.name(),
                        e.getMessage(), item.action(), item.ticketId());
            } else if (e.permanent() || item.attempts() + 1 >= settings.maxAttempts()) {
                long quarantined = outbox.failed(item, e.getMessage(), e.remoteAnswer(), now);
                observer.gaveUp(sink.name());
                LOG.warn("sink {}: {} of ticket #{} failed for good ({}); quarantined as #{}", sink.name(),
                        item.action(), item.ticketId(), e.getMessage(), quarantined);
            } else {
                Duration wait = settings.backoff().after(item.attempts() + 1);
                outbox.retryLater(item, e.getMessage(), wait, now, true);
                LOG.info("sink {}: {} of ticket #{} failed (attempt {}), retry in {} ms: {}", sink.name(),
                        item.action(), item.ticketId(), item.attempts() + 1, wait.toMillis(), e.getMessage());
            }
        } catch (SQLException sql) {
            LOG.warn("sink {}: cannot record the outcome of item {}: {}", sink.name(), item.id(), sql.getMessage());
        }
    }

    /**
     * @param newRemoteId      the remote id to record when this delivery created (or found) the remote ticket, else
     *                         null
     * @param remoteCategories with a new remote id: the category values it carries, if known
     */
    private record Delivered(String newRemoteId, Set<String> remoteCategories) {
    }

    private Delivered deliver(OutboxItem item) throws DeliveryException, SQLException {
        Ticket ticket = tickets.find(item.ticketId()).orElseThrow(() -> new DeliveryException(
                "ticket #" + item.ticketId() + " is not in the store", true, null, null));
        TicketMessage message = ticket.messages().stream().filter(m -> m.message().id().equals(item.messageId()))
                .findFirst().orElseThrow(() -> new DeliveryException("message " + item.messageId()
                        + " is not in ticket #" + item.ticketId(), true, null, null));
        Optional<String> known = outbox.remoteId(sink.name(), item.ticketId());
        if (known.isPresent()) {
            if (item.action().equals(OutboxItem.APPEND)) {
                sink.append(known.get(), ticket, message);
            }
            readBack(known.get(), ticket);
            return new Delivered(null, null);
        }
        // No remote ticket recorded: either this is the first delivery, or an earlier attempt created it and its
        // answer was lost (timeout, crash). Ask before creating, so that the remote never gets it twice.
        Optional<String> found = sink.find(item.ticketId());
        if (found.isPresent()) {
            if (item.action().equals(OutboxItem.APPEND)) {
                sink.append(found.get(), ticket, message);
            }
            // what it carries now is what an earlier attempt wrote, whatever our ticket says by now
            return new Delivered(found.get(), corrections == null ? null : remoteCategories(found.get(), ticket));
        }
        // an append without a remote ticket: the sink was added after the ticket was opened; open it with this one
        String created = sink.create(ticket, message);
        return new Delivered(created, Outbox.categoryValues(sink.categoriesWritten(ticket)));
    }

    /** The remote ticket's category values, or null when they cannot be read (the delivery goes on regardless). */
    private Set<String> remoteCategories(String remoteId, Ticket ticket) {
        try {
            return sink.remoteCategories(remoteId).map(Outbox::categoryValues).orElse(null);
        } catch (DeliveryException | RuntimeException e) {
            LOG.warn("sink {}: cannot read the category of remote ticket {} of #{}: {}", sink.name(), remoteId,
                    ticket.id(), e.getMessage());
            return null;
        }
    }

    /**
     * Compares the remote ticket's category values with those last written or read, records an agent's change as a
     * correction, and keeps the values now read. Never fails the delivery it follows: a problem is logged, and the
     * next delivery to the ticket looks again.
     */
    private void readBack(String remoteId, Ticket ticket) {
        if (corrections == null) {
            return;
        }
        try {
            Set<String> now = remoteCategories(remoteId, ticket);
            if (now == null) {
                return;
            }
            Optional<Set<String>> before = outbox.remoteCategories(sink.name(), ticket.id());
            if (before.isPresent() && before.get().equals(now)) {
                return;
            }
            if (before.isPresent()) {
                Optional<String> chosen = CategoryReadBack.agentsChoice(before.get(), now,
                        corrections.categories().keySet());
                if (chosen.isPresent() && !chosen.get().equals(ticket.category())) {
                    Corrections.Result result = corrections.correct(ticket.id(), chosen.get(), correctionSource,
                            sink.name());
                    if (result.outcome() == Corrections.Outcome.CORRECTED) {
                        LOG.info("sink {}: ticket #{} was recategorised in remote ticket {}: {} -> {} (correction"
                                + " {})", sink.name(), ticket.id(), remoteId, result.correction().oldCategory(),
                                chosen.get(), result.correction().id());
                    }
                }
            }
            // a ticket delivered before the values were kept: this first read only learns them
            outbox.rememberRemoteCategories(sink.name(), ticket.id(), now);
        } catch (SQLException | Corrections.UnknownCategory | RuntimeException e) {
            LOG.warn("sink {}: cannot record the category of remote ticket {} of #{}: {}", sink.name(), remoteId,
                    ticket.id(), e.getMessage());
        }
    }
}
