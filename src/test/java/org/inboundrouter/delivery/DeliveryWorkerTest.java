package org.inboundrouter.delivery;

import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.pipeline.IngestOutcome;
import org.inboundrouter.pipeline.IngestPipeline;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.TicketQueries;
import org.inboundrouter.ticket.ConversationThreading;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox worked against a sink that can be told to fail in each of the ways real ones do. */
class DeliveryWorkerTest {

    @TempDir
    Path dir;
    private Database db;
    private IngestPipeline pipeline;
    private Outbox outbox;
    private TicketQueries queries;
    private final FakeSink sink = new FakeSink();
    private final MutableClock clock = new MutableClock();
    private DeliveryWorker worker;
    private int seq;

    @BeforeEach
    void open() {
        db = Database.embedded(dir);
        queries = new TicketQueries(db);
        outbox = new Outbox(db);
        pipeline = new IngestPipeline(db, m -> new Classification("refund", null, Priority.HIGH),
                Map.of(ChannelRef.SMS, new ConversationThreading(Duration.ofHours(72))), List.of("fake"));
        SinkSettings settings = new SinkSettings(Duration.ofMillis(100), 4,
                new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1)), Duration.ofMillis(200));
        worker = new DeliveryWorker(sink, outbox, queries, settings, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long sms(String from, String text) throws Exception {
        String id = "m" + (++seq);
        IngestOutcome outcome = pipeline.ingest(ChatIntake.from(new ChannelRef("sms", "gw"),
                        (id + text).getBytes(StandardCharsets.UTF_8)).dedupKey("t:" + id).sender(Party.of(from))
                .text(text).receivedAt(clock.instant()).build());
        return outcome.ticketId();
    }

    @Test
    void aTicketIsCreatedOnceAndItsRepliesFollowInOrder() throws Exception {
        long ticket = sms("+8613800000001", "退款还没到");
        sms("+8613800000001", "订单号 2024050312345");
        sms("+8613800000001", "请尽快处理");

        assertThat(worker.drain()).isEqualTo(3);

        assertThat(sink.created).containsOnlyKeys(ticket);
        assertThat(sink.log).containsExactly("create #" + ticket + " 退款还没到",
                "append #" + ticket + " 订单号 2024050312345", "append #" + ticket + " 请尽快处理");
        assertThat(outbox.remoteId("fake", ticket)).contains("R" + ticket);
        assertThat(worker.drain()).as("nothing left").isZero();
    }

    @Test
    void whileTheSinkIsDownNothingIsLostAndAfterwardsEverythingArrivesOnce() throws Exception {
        sink.down = true;
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tickets.add(sms("+861380000010" + i, "message " + i));
        }
        worker.drain();
        int callsWhileDown = sink.calls;
        assertThat(worker.breakerState().name()).isEqualTo("OPEN");
        clock.advance(Duration.ofMinutes(5));
        worker.drain();
        assertThat(sink.calls).as("an open breaker calls nothing").isEqualTo(callsWhileDown);

        sink.down = false;
        Thread.sleep(300); // the breaker lets one probe through after breakerOpenFor
        for (int round = 0; round < 10 && sink.created.size() < 5; round++) {
            clock.advance(Duration.ofMinutes(2));
            worker.drain();
            Thread.sleep(50);
        }

        assertThat(sink.created).containsOnlyKeys(tickets);
        assertThat(sink.log).hasSize(5);
        assertThat(outbox.lag("fake").pending()).isZero();
        assertThat(outbox.lag("fake").failed()).as("an outage spends no item's attempts").isZero();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundInsteadOfRepeated() throws Exception {
        long ticket = sms("+8613800000002", "账户被冻结");
        sink.loseNextAnswer = true;

        worker.drain();
        assertThat(sink.created).containsOnlyKeys(ticket);
        clock.advance(Duration.ofMinutes(1));
        worker.drain();

        assertThat(sink.created).containsOnlyKeys(ticket);
        assertThat(sink.log).containsExactly("create #" + ticket + " 账户被冻结");
        assertThat(outbox.remoteId("fake", ticket)).contains("R" + ticket);
    }

    @Test
    void aPermanentRefusalIsQuarantinedHoldsBackRepliesAndCanBeRetried() throws Exception {
        sink.refuseCreates = true;
        long ticket = sms("+8613800000003", "first");
        sms("+8613800000003", "second");

        worker.drain();
        assertThat(sink.log).isEmpty();
        var quarantine = queries.quarantine(10);
        assertThat(quarantine).singleElement().satisfies(q -> {
            assertThat(q.stage()).isEqualTo("delivery");
            assertThat(q.reason()).contains("HTTP 422");
        });
        clock.advance(Duration.ofHours(1));
        worker.drain();
        assertThat(sink.log).as("the reply waits for its ticket").isEmpty();

        sink.refuseCreates = false;
        long outboxId = failedItem();
        assertThat(outbox.requeue(outboxId, clock.instant())).isTrue();
        worker.drain();

        assertThat(sink.log).containsExactly("create #" + ticket + " first", "append #" + ticket + " second");
    }

    @Test
    void afterMaxAttemptsATransientFailureIsQuarantined() throws Exception {
        sink.failEveryCall = true;
        sms("+8613800000004", "hello");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(5));
            Thread.sleep(250);
            worker.drain();
        }
        assertThat(outbox.lag("fake").failed()).isEqualTo(1);
        assertThat(queries.quarantine(10)).singleElement().satisfies(q ->
                assertThat(q.reason()).contains("after 4 attempt(s)"));
    }

    private long failedItem() throws Exception {
        return db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT id FROM outbox WHERE status = 'failed'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Remembers what reached it; can be down, refuse, fail intermittently, or lose an answer after acting. */
    static final class FakeSink implements TicketSink {
        final Map<Long, String> created = new LinkedHashMap<>();
        final List<String> log = new ArrayList<>();
        boolean down;
        boolean refuseCreates;
        boolean loseNextAnswer;
        boolean failEveryCall;
        int calls;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Optional<String> find(long ourTicketId) throws DeliveryException {
            calls++;
            check();
            return Optional.ofNullable(created.get(ourTicketId));
        }

        @Override
        public String create(Ticket ticket, TicketMessage first) throws DeliveryException {
            calls++;
            check();
            if (refuseCreates) {
                throw DeliveryException.fromStatus("create", 422, "{\"error\":\"queue not found\"}");
            }
            created.put(ticket.id(), "R" + ticket.id());
            log.add("create #" + ticket.id() + " " + first.message().text());
            if (loseNextAnswer) {
                loseNextAnswer = false;
                throw DeliveryException.transientFailure("read timed out", null);
            }
            return "R" + ticket.id();
        }

        @Override
        public void append(String remoteId, Ticket ticket, TicketMessage message) throws DeliveryException {
            calls++;
            check();
            assertThat(remoteId).isEqualTo(created.get(ticket.id()));
            log.add("append #" + ticket.id() + " " + message.message().text());
        }

        private void check() throws DeliveryException {
            if (down || failEveryCall) {
                throw DeliveryException.transientFailure("connection refused", null);
            }
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-05-03T07:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
