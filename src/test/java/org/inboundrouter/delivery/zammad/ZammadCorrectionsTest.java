package org.inboundrouter.delivery.zammad;

import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.config.Secret;
import org.inboundrouter.delivery.Backoff;
import org.inboundrouter.delivery.DeliveryWorker;
import org.inboundrouter.delivery.Outbox;
import org.inboundrouter.delivery.SinkSettings;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.pipeline.IngestPipeline;
import org.inboundrouter.store.Corrections;
import org.inboundrouter.store.Corrections.Correction;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.TicketQueries;
import org.inboundrouter.ticket.ConversationThreading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Corrections made in Zammad (issue 14): the outbox worker reads the ticket's tags back when it next delivers to it,
 * and an agent's change of the category tags is recorded as a correction with source {@code zammad}.
 */
class ZammadCorrectionsTest {

    private static final String CUSTOMER = "+8613800000011";

    @TempDir
    Path dir;
    private Database db;
    private IngestPipeline pipeline;
    private Outbox outbox;
    private TicketQueries queries;
    private Corrections corrections;
    private FakeZammad zammad;
    private DeliveryWorker worker;
    private int seq;

    @BeforeEach
    void open() throws Exception {
        db = Database.embedded(dir);
        queries = new TicketQueries(db);
        outbox = new Outbox(db);
        Map<String, Priority> taxonomy = new LinkedHashMap<>();
        for (String id : List.of("refund", "service_complaint", "withdrawal", "topup", "other")) {
            taxonomy.put(id, Priority.NORMAL);
        }
        corrections = new Corrections(db, () -> taxonomy);
        pipeline = new IngestPipeline(db, m -> new Classification("refund", List.of("refund", "service_complaint"),
                Priority.NORMAL), Map.of(ChannelRef.SMS, new ConversationThreading(Duration.ofHours(72))),
                List.of("zammad"));
        zammad = new FakeZammad(2500);
        ZammadSink sink = new ZammadSink("zammad", new ZammadSinkConfig(zammad.baseUrl(),
                new Secret(FakeZammad.TOKEN, "test"), null, null, "Users", Duration.ofMillis(1000), "inbound-router-"));
        SinkSettings settings = new SinkSettings(Duration.ofMillis(100), 10,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)), Duration.ofMillis(200));
        worker = new DeliveryWorker(sink, outbox, queries, settings, Clock.systemUTC())
                .readingBackCategories(corrections, Corrections.ZAMMAD);
    }

    @AfterEach
    void close() {
        zammad.close();
        db.close();
    }

    private long sms(String text) throws Exception {
        String id = "z" + (++seq);
        return pipeline.ingest(ChatIntake.from(new ChannelRef("sms", "gw"), (id + text).getBytes(StandardCharsets.UTF_8))
                .dedupKey("t:" + id).sender(Party.of(CUSTOMER)).text(text).receivedAt(Instant.now()).build())
                .ticketId();
    }

    private long remote(long ticket) throws Exception {
        return Long.parseLong(outbox.remoteId("zammad", ticket).orElseThrow());
    }

    @Test
    void aCategoryTagChangedInZammadIsRecordedOnceAtTheNextReply() throws Exception {
        long ticket = sms("退款还没到");
        assertThat(worker.drain()).isEqualTo(1);
        long remote = remote(ticket);
        assertThat(zammad.tagsOf(remote)).containsExactlyInAnyOrder("refund", "service_complaint",
                "inbound-router-" + ticket);

        // the agent: not a refund but a withdrawal
        zammad.retagByHand(remote, "withdrawal", "service_complaint", "inbound-router-" + ticket);
        sms("订单号 W123456");
        assertThat(worker.drain()).isEqualTo(1);

        List<Correction> rows = corrections.list(null, null);
        assertThat(rows).singleElement().satisfies(c -> {
            assertThat(c.ticketId()).isEqualTo(ticket);
            assertThat(c.oldCategory()).isEqualTo("refund");
            assertThat(c.newCategory()).isEqualTo("withdrawal");
            assertThat(c.source()).isEqualTo("zammad");
            assertThat(c.correctedBy()).isEqualTo("zammad");
        });
        assertThat(rows.get(0).messageId())
                .isEqualTo(queries.find(ticket).orElseThrow().messages().get(0).message().id());
        assertThat(queries.find(ticket).orElseThrow().category()).isEqualTo("withdrawal");

        sms("还是没有到账");
        assertThat(worker.drain()).isEqualTo(1);
        assertThat(corrections.list(null, null)).as("seen once, counted once").hasSize(1);
        assertThat(zammad.articlesOf(remote)).hasSize(3);
    }

    @Test
    void theTagsTheRouterWroteNeverCountEvenAfterAnApiCorrection() throws Exception {
        long ticket = sms("退款还没到");
        worker.drain();
        // to a category whose tag is there, next to the refund tag an agent might seem to have added
        assertThat(corrections.correct(ticket, "service_complaint", Corrections.API, "agent-li").outcome())
                .isEqualTo(Corrections.Outcome.CORRECTED);

        sms("订单号 W123456");
        sms("还是没有到账");
        assertThat(worker.drain()).isEqualTo(2);

        assertThat(corrections.list(null, null)).extracting(Correction::source).containsExactly("api");
        assertThat(queries.find(ticket).orElseThrow().category()).as("Zammad still says refund: ours stands")
                .isEqualTo("service_complaint");
        assertThat(zammad.tagsOf(remote(ticket))).contains("refund");
    }

    @Test
    void aTicketFoundAfterALostAnswerLearnsItsTagsAndCountsOnlyLaterChanges() throws Exception {
        long ticket = sms("退款还没到");
        zammad.answerLate("POST /api/v1/tickets");
        worker.drain();
        assertThat(outbox.remoteId("zammad", ticket)).as("the answer was lost").isEmpty();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (outbox.remoteId("zammad", ticket).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            worker.drain();
        }
        long remote = remote(ticket);
        assertThat(zammad.tickets()).hasSize(1);

        sms("订单号 W123456");
        worker.drain();
        assertThat(corrections.list(null, null)).isEmpty();

        zammad.retagByHand(remote, "topup", "inbound-router-" + ticket);
        sms("还是没有到账");
        worker.drain();
        assertThat(corrections.list(null, null)).extracting(Correction::newCategory).containsExactly("topup");
    }
}
