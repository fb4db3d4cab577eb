package org.inboundrouter.pipeline;

import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.Classifier;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.ConversationHints;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Language;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.model.Sha256;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.StoreTransaction.TicketHead;
import org.inboundrouter.store.TicketQueries;
import org.inboundrouter.store.TicketQueries.TicketFilter;
import org.inboundrouter.ticket.EmailThreading;
import org.inboundrouter.ticket.TicketStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestPipelineTest {

    @TempDir
    Path dir;

    private Database db;
    private TicketQueries queries;
    private Classification next = new Classification("other", null, Priority.NORMAL);
    private final Classifier classifier = message -> next;
    private IngestPipeline pipeline;

    @BeforeEach
    void open() {
        db = Database.embedded(dir);
        queries = new TicketQueries(db);
        pipeline = new IngestPipeline(db, classifier, Map.of("email", new EmailThreading()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Intake intake(String channelKind, String messageId, String inReplyTo, String text) {
        byte[] raw = ("Message-ID: <" + messageId + ">\r\n\r\n" + text).getBytes(StandardCharsets.UTF_8);
        String rawRef = Sha256.ref(raw);
        InboundMessage m = new InboundMessage(UUID.randomUUID().toString(), new ChannelRef(channelKind, "box"),
                messageId, new ConversationHints(inReplyTo, List.of(), null), new Party("c@example.com", "C"),
                List.of(), "subject", text, null, null, false, List.of(), null, Instant.now(), Language.EN, Map.of(),
                rawRef, List.of());
        return new Intake(m, raw, List.of(), null, "message-id:" + messageId);
    }

    @Test
    void aMessageTheStoreRefusesIsUnstorableAndItsQuarantineStopsRefetching() throws Exception {
        // a channel kind longer than its column: a data error (SQLState 22001), the message's fault
        Intake bad = intake("k".repeat(40), "bad-1@example.com", null, "text");
        assertThatThrownBy(() -> pipeline.ingest(bad)).isInstanceOf(UnstorableMessageException.class)
                .hasMessageContaining("store:");
        assertThat(queries.list(new TicketFilter(null, null, null), 10, 0)).isEmpty();

        Quarantine quarantine = new Quarantine(db);
        long id = quarantine.put(new ChannelRef("email", "box"), bad.raw(), bad.dedupKey(), "store", "too long");
        assertThat(id).isPositive();
        assertThat(quarantine.put(new ChannelRef("email", "box"), bad.raw(), bad.dedupKey(), "store", "again"))
                .as("quarantined once").isEqualTo(-1);
        assertThat(queries.quarantine(10)).singleElement()
                .satisfies(q -> assertThat(q.stage()).isEqualTo("store"));
        // fetched again (POP3 keep, a restart): seen as a duplicate, not stored and not quarantined anew
        Intake again = intake("email", "bad-1@example.com", null, "text");
        assertThat(pipeline.ingest(again).kind()).isEqualTo(IngestOutcome.Kind.DUPLICATE);
    }

    @Test
    void anUnreachableStoreIsTransientSoTheSourceKeepsTheMessage() {
        db.close();
        assertThatThrownBy(() -> pipeline.ingest(intake("email", "t-1@example.com", null, "text")))
                .isInstanceOf(TransientStoreException.class);
    }

    @Test
    void aClassifierBugQuarantinesTheMessageInsteadOfBlockingTheMailbox() {
        IngestPipeline broken = new IngestPipeline(db, m -> {
            throw new IllegalStateException("boom");
        }, Map.of());
        assertThatThrownBy(() -> broken.ingest(intake("email", "c-1@example.com", null, "x")))
                .isInstanceOf(UnstorableMessageException.class).hasMessageContaining("classify");
    }

    @Test
    void aMoreUrgentReplyLeadsTheTicketAndEveryCategoryIsKept() throws Exception {
        next = new Classification("refund", null, Priority.NORMAL);
        long ticket = pipeline.ingest(intake("email", "m-1@example.com", null, "refund please")).ticketId();
        next = new Classification("account_security", null, Priority.URGENT);
        IngestOutcome reply = pipeline.ingest(intake("email", "m-2@example.com", "m-1@example.com", "stolen!"));
        assertThat(reply.kind()).isEqualTo(IngestOutcome.Kind.APPENDED);
        next = new Classification("service_complaint", null, Priority.LOW);
        pipeline.ingest(intake("email", "m-3@example.com", "m-2@example.com", "and slow"));

        var t = queries.find(ticket).orElseThrow();
        assertThat(t.category()).isEqualTo("account_security");
        assertThat(t.priority()).isEqualTo(Priority.URGENT);
        assertThat(t.categories()).containsExactly("account_security", "refund", "service_complaint");
        assertThat(t.messages()).hasSize(3);
    }

    @Test
    void aCustomerReplyReopensAClosedTicket() {
        TicketHead closed = new TicketHead(7, TicketStatus.CLOSED, "c@example.com", "refund", List.of("refund"),
                Priority.NORMAL);
        TicketHead merged = IngestPipeline.merge(closed, new Classification("refund", null, Priority.LOW));
        assertThat(merged.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(merged.priority()).isEqualTo(Priority.NORMAL);
        assertThat(merged.category()).isEqualTo("refund");
    }
}
