package org.inboundrouter.ticket;

import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.pipeline.IngestOutcome;
import org.inboundrouter.pipeline.IngestPipeline;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.TicketQueries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SMS and DM conversations: same customer, same kind of channel, open ticket, within the window. */
class ConversationThreadingTest {

    private static final Instant T0 = Instant.parse("2026-05-03T07:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private TicketQueries queries;
    private IngestPipeline pipeline;
    private int seq;

    @BeforeEach
    void open() {
        db = Database.embedded(dir);
        queries = new TicketQueries(db);
        ConversationThreading conversation = new ConversationThreading(Duration.ofHours(72));
        pipeline = new IngestPipeline(db, m -> new Classification("other", null, Priority.NORMAL),
                Map.of(ChannelRef.SMS, conversation, ChannelRef.TELEGRAM, conversation));
    }

    @AfterEach
    void close() {
        pipeline.close();
        db.close();
    }

    private Intake message(String kind, String sender, Instant at) {
        String id = "m" + (++seq);
        return ChatIntake.from(new ChannelRef(kind, "ch"), (id + sender).getBytes(StandardCharsets.UTF_8))
                .dedupKey("test:" + id).externalId(id).sender(Party.of(sender)).text("text " + id).receivedAt(at)
                .build();
    }

    private long ingest(Intake intake) throws Exception {
        IngestOutcome outcome = pipeline.ingest(intake);
        return outcome.ticketId();
    }

    @Test
    void withinTheWindowMessagesJoinTheOpenTicket() throws Exception {
        long first = ingest(message("sms", "+8613800000001", T0));
        long second = ingest(message("sms", "+8613800000001", T0.plus(Duration.ofHours(71))));
        // the window runs from the last update, not the first message
        long third = ingest(message("sms", "+8613800000001", T0.plus(Duration.ofHours(140))));

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
    }

    @Test
    void afterAQuietWindowANewTicketOpens() throws Exception {
        long first = ingest(message("sms", "+8613800000002", T0));
        long later = ingest(message("sms", "+8613800000002", T0.plus(Duration.ofHours(73))));

        assertThat(later).isNotEqualTo(first);
    }

    @Test
    void aClosedTicketIsNeverReopened() throws Exception {
        long first = ingest(message("sms", "+8613800000003", T0));
        queries.setStatus(first, TicketStatus.CLOSED);

        long next = ingest(message("sms", "+8613800000003", T0.plus(Duration.ofMinutes(5))));

        assertThat(next).isNotEqualTo(first);
        assertThat(queries.find(first).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void otherSendersAndOtherKindsOfChannelKeepTheirOwnTickets() throws Exception {
        long sms = ingest(message("sms", "+8613800000004", T0));
        long otherSender = ingest(message("sms", "+8613800000005", T0.plusSeconds(60)));
        long sameIdOtherKind = ingest(message("telegram", "+8613800000004", T0.plusSeconds(120)));

        assertThat(otherSender).isNotEqualTo(sms);
        assertThat(sameIdOtherKind).isNotEqualTo(sms);
    }

    @Test
    void messagesOfOneCustomerArrivingTogetherShareOneTicket() throws Exception {
        // stored side by side in separate transactions, each would find no open ticket and open its own
        List<Intake> burst = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            burst.add(message("sms", "+8613800000009", T0.plusSeconds(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(burst.size());
        try {
            CyclicBarrier start = new CyclicBarrier(burst.size());
            List<Future<Long>> tickets = new ArrayList<>();
            for (Intake intake : burst) {
                tickets.add(pool.submit(() -> {
                    start.await();
                    return ingest(intake);
                }));
            }
            Set<Long> distinct = new HashSet<>();
            for (Future<Long> ticket : tickets) {
                distinct.add(ticket.get(30, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
            assertThat(queries.find(distinct.iterator().next()).orElseThrow().messages()).hasSize(16);
        } finally {
            pool.shutdownNow();
        }
    }
}
