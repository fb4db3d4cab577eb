package org.inboundrouter.pipeline;

import org.inboundrouter.channel.email.MailParseException;
import org.inboundrouter.channel.email.MailParser;
import org.inboundrouter.delivery.Outbox;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.TicketQueries;
import org.inboundrouter.store.TicketQueries.QuarantineEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes items out of the quarantine once their cause is fixed (a parser bug fixed in a new version, a sink's queue
 * created, a custom field value added). A delivery goes back into the outbox; a mail is parsed and stored again from
 * its raw source. Each entry ends {@code resolved} (stored), {@code retried} (back in the outbox), or stays
 * {@code open} with the new reason.
 */
public final class QuarantineRetry {

    private static final Logger LOG = LoggerFactory.getLogger("quarantine");

    private final Database db;
    private final TicketQueries queries;
    private final IngestPipeline pipeline;
    private final MailParser mailParser;
    private final Outbox outbox;

    public QuarantineRetry(Database db, TicketQueries queries, IngestPipeline pipeline, MailParser mailParser,
            Outbox outbox) {
        this.db = db;
        this.queries = queries;
        this.pipeline = pipeline;
        this.mailParser = mailParser;
        this.outbox = outbox;
    }

    /** @param status resolved, retried, open (failed again) or refused (cannot be retried), with why */
    public record Result(long id, String status, String detail) {
    }

    public Optional<Result> retry(long id) throws SQLException {
        Optional<QuarantineEntry> found = queries.quarantineEntry(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        QuarantineEntry entry = found.get();
        Result result = retry(entry);
        LOG.info("quarantine #{} ({} {} at stage {}): {}: {}", id, entry.channel().kind(), entry.channel().name(),
                entry.stage(), result.status(), result.detail());
        return Optional.of(result);
    }

    /** Retries every open entry, oldest first. */
    public List<Result> retryAll() throws SQLException {
        List<QuarantineEntry> open = new ArrayList<>(queries.quarantine("open", 10_000));
        java.util.Collections.reverse(open);
        List<Result> results = new ArrayList<>();
        for (QuarantineEntry entry : open) {
            results.add(retry(entry.id()).orElseThrow());
        }
        return results;
    }

    private Result retry(QuarantineEntry entry) throws SQLException {
        if (!entry.status().equals("open")) {
            return new Result(entry.id(), "refused", "entry is " + entry.status() + ", not open");
        }
        if (entry.stage().equals("delivery")) {
            if (entry.outboxId() == null || !outbox.requeue(entry.outboxId(), Instant.now())) {
                return new Result(entry.id(), "refused", "its outbox item is no longer failed");
            }
            setStatus(entry.id(), "retried", null);
            return new Result(entry.id(), "retried", "outbox item " + entry.outboxId() + " is due again");
        }
        if (!entry.channel().kind().equals(ChannelRef.EMAIL)) {
            return new Result(entry.id(), "refused", "a " + entry.channel().kind() + " request is kept as received"
                    + " for inspection (GET /api/raw/" + entry.rawRef().substring(7) + ") but can only be"
                    + " re-sent by its platform");
        }
        byte[] raw = queries.raw(entry.rawRef().substring("sha256:".length()))
                .orElseThrow(() -> new SQLException("raw source of quarantine #" + entry.id() + " is missing"))
                .bytes();
        try {
            Intake intake = mailParser.parse(raw, entry.channel(), Instant.now());
            IngestOutcome outcome = pipeline.reingest(intake, entry.id());
            return new Result(entry.id(), "resolved", outcome.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (outcome.ticketId() == null ? "" : ": ticket #" + outcome.ticketId()));
        } catch (MailParseException | UnstorableMessageException e) {
            setStatus(entry.id(), "open", e.getMessage());
            return new Result(entry.id(), "open", "failed again: " + e.getMessage());
        } catch (TransientStoreException e) {
            return new Result(entry.id(), "open", "store unavailable, try again: " + e.getMessage());
        }
    }

    private void setStatus(long id, String status, String reason) throws SQLException {
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE quarantine SET status = ?, reason = COALESCE(?, reason),"
                    + " updated_at = CURRENT_TIMESTAMP WHERE id = ?")) {
                ps.setString(1, status);
                ps.setString(2, reason);
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
    }
}
