package org.inboundrouter.pipeline;

import org.inboundrouter.channel.email.MailParser;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.delivery.Outbox;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Priority;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.TicketQueries;
import org.inboundrouter.store.TicketQueries.TicketFilter;
import org.inboundrouter.ticket.EmailThreading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuarantineRetryTest {

    private static final ChannelRef MAILBOX = new ChannelRef("email", "box");

    @TempDir
    Path dir;
    private Database db;
    private TicketQueries queries;
    private Quarantine quarantine;
    private IngestPipeline pipeline;
    private QuarantineRetry retry;
    private final MailParser parser = new MailParser(1 << 20);

    @BeforeEach
    void open() {
        db = Database.embedded(dir);
        queries = new TicketQueries(db);
        quarantine = new Quarantine(db);
        pipeline = new IngestPipeline(db, m -> new Classification("refund", null, Priority.NORMAL),
                Map.of("email", new EmailThreading()));
        retry = new QuarantineRetry(db, queries, pipeline, parser, new Outbox(db));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static byte[] mail(String id) {
        return ("Message-ID: <" + id + ">\r\nFrom: a@example.com\r\nTo: support@example.com\r\nSubject: refund\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n退款什么时候到账\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMailQuarantinedByAnOldBugIsStoredOnRetryAndStaysADuplicateAfterwards() throws Exception {
        byte[] raw = mail("q-1@example.com");
        long id = quarantine.put(MAILBOX, raw, "message-id:q-1@example.com", "store", "a bug since fixed");

        QuarantineRetry.Result result = retry.retry(id).orElseThrow();

        assertThat(result.status()).isEqualTo("resolved");
        assertThat(result.detail()).startsWith("created: ticket #");
        assertThat(queries.list(new TicketFilter(null, null, null), 10, 0)).hasSize(1);
        assertThat(queries.quarantineEntry(id).orElseThrow().status()).isEqualTo("resolved");
        assertThat(pipeline.ingest(parser.parse(raw, MAILBOX, Instant.now())).kind())
                .as("fetched again later").isEqualTo(IngestOutcome.Kind.DUPLICATE);
        assertThat(retry.retry(id).orElseThrow().status()).isEqualTo("refused");
    }

    @Test
    void aMailThatStillCannotBeParsedStaysOpenWithTheNewReason() throws Exception {
        byte[] broken = "this is not a mail at all".getBytes(StandardCharsets.UTF_8);
        long id = quarantine.put(MAILBOX, broken, null, "parse", "old reason");

        QuarantineRetry.Result result = retry.retry(id).orElseThrow();

        assertThat(result.status()).isIn("open", "resolved");
        if (result.status().equals("open")) {
            assertThat(queries.quarantineEntry(id).orElseThrow().reason()).isNotEqualTo("old reason");
        }
    }

    @Test
    void retryAllTakesEveryOpenEntryAndRefusesWebhookRequests() throws Exception {
        quarantine.put(MAILBOX, mail("q-2@example.com"), null, "store", "x");
        quarantine.put(MAILBOX, mail("q-3@example.com"), null, "store", "y");
        quarantine.put(new ChannelRef("sms", "gw"), "{\"id\":1}".getBytes(StandardCharsets.UTF_8), "gw:1", "store",
                "z");

        var results = retry.retryAll();

        assertThat(results).extracting(QuarantineRetry.Result::status)
                .containsExactly("resolved", "resolved", "refused");
        assertThat(queries.quarantine("open", 10)).hasSize(1);
        assertThat(retry.retry(99_999)).isEmpty();
    }
}
