package org.inboundrouter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.entity.Entities;
import org.inboundrouter.model.AttachmentContent;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Json;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.model.Sha256;
import org.inboundrouter.ticket.TicketStatus;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes and look-ups of one ingestion transaction, bound to its connection. Every method runs inside the
 * caller's transaction; nothing here commits. Statements are prepared once per transaction and reused, because a
 * batch of messages runs the same dozen statements for each (see pipeline.StoreWriter).
 */
public final class StoreTransaction implements AutoCloseable {

    /** Longer keys are hashed: a primary key must stay indexable on every database. */
    private static final int MAX_KEY = 512;

    private final Connection c;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    public StoreTransaction(Connection connection) {
        this.c = connection;
    }

    /** A statement of this transaction, prepared on first use; {@code returningId} reads back a generated id. */
    private PreparedStatement statement(String sql, boolean returningId) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = returningId ? c.prepareStatement(sql, new String[] {"id"}) : c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private PreparedStatement statement(String sql) throws SQLException {
        return statement(sql, false);
    }

    /** Closes the statements; the connection and its transaction stay as they are. */
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        statements.clear();
        if (first != null) {
            throw first;
        }
    }

    /** The head of a ticket: what threading and priority decisions need. */
    public record TicketHead(long id, TicketStatus status, String customerAddress, String category,
            List<String> categories, Priority priority) {
    }

    public boolean hasReceipt(String... keys) throws SQLException {
        PreparedStatement ps = statement("SELECT 1 FROM receipts WHERE dedup_key = ?");
        for (String key : keys) {
            if (key == null) {
                continue;
            }
            ps.setString(1, boundedKey(key));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    public void putReceipt(String key, String outcome, String ref, String channelName) throws SQLException {
        PreparedStatement ps = statement(
                "INSERT INTO receipts (dedup_key, outcome, ref, channel_name, created_at) VALUES (?, ?, ?, ?, ?)");
        ps.setString(1, boundedKey(key));
        ps.setString(2, outcome);
        ps.setString(3, ref);
        ps.setString(4, channelName);
        ps.setObject(5, now());
        ps.executeUpdate();
    }

    /** Stores the raw source once per distinct content; returns its sha256. */
    public String putRaw(byte[] raw) throws SQLException {
        String sha = Sha256.hex(raw);
        if (!exists("SELECT 1 FROM raw_sources WHERE sha256 = ?", sha)) {
            PreparedStatement ps = statement(
                    "INSERT INTO raw_sources (sha256, size_bytes, content, created_at) VALUES (?, ?, ?, ?)");
            ps.setString(1, sha);
            ps.setLong(2, raw.length);
            ps.setBytes(3, raw);
            ps.setObject(4, now());
            ps.executeUpdate();
        }
        return sha;
    }

    public void putAttachment(AttachmentContent content) throws SQLException {
        if (exists("SELECT 1 FROM attachment_contents WHERE sha256 = ?", content.sha256())) {
            return;
        }
        PreparedStatement ps = statement(
                "INSERT INTO attachment_contents (sha256, media_type, size_bytes, content) VALUES (?, ?, ?, ?)");
        ps.setString(1, content.sha256());
        ps.setString(2, content.mediaType());
        ps.setLong(3, content.bytes().length);
        ps.setBytes(4, content.bytes());
        ps.executeUpdate();
    }

    /** The ticket holding the most recent message whose external id is one of {@code externalIds}. */
    public Optional<Long> ticketHoldingAny(Collection<String> externalIds) throws SQLException {
        if (externalIds.isEmpty()) {
            return Optional.empty();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(externalIds.size(), "?"));
        PreparedStatement ps = statement("SELECT ticket_id FROM messages WHERE external_id IN ("
                + marks + ") ORDER BY received_at DESC FETCH FIRST 1 ROWS ONLY");
        int i = 1;
        for (String id : externalIds) {
            ps.setString(i++, id);
        }
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    /**
     * The customer's most recently updated ticket on this kind of channel that is open or pending and was updated at or
     * after {@code since}.
     */
    public Optional<Long> latestLiveTicket(String channelKind, String customerAddress, Instant since)
            throws SQLException {
        PreparedStatement ps = statement("SELECT id FROM tickets WHERE channel_kind = ?"
                + " AND customer_address = ? AND status <> 'closed' AND updated_at >= ?"
                + " ORDER BY updated_at DESC, id DESC FETCH FIRST 1 ROWS ONLY");
        ps.setString(1, channelKind);
        ps.setString(2, customerAddress);
        ps.setObject(3, at(since));
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    public Optional<TicketHead> ticketHead(long id) throws SQLException {
        PreparedStatement ps = statement(
                "SELECT id, status, customer_address, category, categories, priority FROM tickets WHERE id = ?");
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new TicketHead(rs.getLong(1), TicketStatus.of(rs.getString(2)), rs.getString(3),
                    rs.getString(4), Categories.parse(rs.getString(5)), Priority.of(rs.getString(6))));
        }
    }

    public long insertTicket(ChannelRef channel, Party customer, String subject, String category,
            List<String> categories, Priority priority, Instant at) throws SQLException {
        PreparedStatement ps = statement("INSERT INTO tickets (status, category, categories, priority,"
                + " channel_kind, channel_name, customer_address, customer_name, subject, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", true);
        ps.setString(1, TicketStatus.OPEN.id());
        ps.setString(2, category);
        ps.setString(3, Categories.format(categories));
        ps.setString(4, priority.id());
        ps.setString(5, channel.kind());
        ps.setString(6, channel.name());
        ps.setString(7, customer.address());
        ps.setString(8, customer.name());
        ps.setString(9, subject);
        ps.setObject(10, at(at));
        ps.setObject(11, at(at));
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    public void updateTicket(TicketHead head, Instant at) throws SQLException {
        PreparedStatement ps = statement("UPDATE tickets SET status = ?, category = ?, categories = ?,"
                + " priority = ?, updated_at = ? WHERE id = ?");
        ps.setString(1, head.status().id());
        ps.setString(2, head.category());
        ps.setString(3, Categories.format(head.categories()));
        ps.setString(4, head.priority().id());
        ps.setObject(5, at(at));
        ps.setLong(6, head.id());
        ps.executeUpdate();
    }

    public void insertMessage(long ticketId, String kind, InboundMessage message, Classification classification,
            Entities entities, String rawSha256) throws SQLException {
        PreparedStatement ps = statement("INSERT INTO messages (id, ticket_id, kind, external_id,"
                + " category, priority, received_at, raw_sha256, model_json, classification_json, entities_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        ps.setString(1, message.id());
        ps.setLong(2, ticketId);
        ps.setString(3, kind);
        ps.setString(4, truncate(message.externalId(), 1000));
        ps.setString(5, classification == null ? null : classification.category());
        ps.setString(6, classification == null ? null : classification.priority().id());
        ps.setObject(7, at(message.receivedAt()));
        ps.setString(8, rawSha256);
        ps.setString(9, json(message));
        ps.setString(10, classification == null ? null : json(classification));
        ps.setString(11, entities == null ? null : json(entities));
        ps.executeUpdate();
    }

    /**
     * Queues the delivery of a stored message to each external sink (see {@code delivery.Outbox}): written in the
     * same transaction as the message, so nothing stored can miss its delivery.
     *
     * @param action {@code create} when the message opened the ticket, else {@code append}
     */
    public void enqueueDeliveries(List<String> sinks, long ticketId, String messageId, String action, Instant at)
            throws SQLException {
        if (sinks.isEmpty()) {
            return;
        }
        PreparedStatement ps = statement("INSERT INTO outbox (sink, ticket_id, message_id, action,"
                + " status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)");
        ps.clearBatch();
        for (String sink : sinks) {
            ps.setString(1, sink);
            ps.setLong(2, ticketId);
            ps.setString(3, messageId);
            ps.setString(4, action);
            ps.setObject(5, at(at));
            ps.setObject(6, at(at));
            ps.addBatch();
        }
        ps.executeBatch();
    }

    public long insertSuppressed(String kind, String reason, InboundMessage message, String concernsExternalId,
            String rawSha256) throws SQLException {
        PreparedStatement ps = statement("INSERT INTO suppressed (kind, reason, channel_kind,"
                + " channel_name, sender_address, subject, concerns_external_id, raw_sha256, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", true);
        ps.setString(1, kind);
        ps.setString(2, truncate(reason, 2000));
        ps.setString(3, message.channel().kind());
        ps.setString(4, message.channel().name());
        ps.setString(5, message.sender() == null ? null : truncate(message.sender().address(), 512));
        ps.setString(6, message.subject());
        ps.setString(7, truncate(concernsExternalId, 1000));
        ps.setString(8, rawSha256);
        ps.setObject(9, now());
        ps.executeUpdate();
        return generatedId(ps);
    }

    /** Drops the receipt of quarantine entry {@code id} and marks the entry resolved (see IngestPipeline.reingest). */
    public void releaseQuarantined(long id) throws SQLException {
        PreparedStatement receipt = statement("DELETE FROM receipts WHERE outcome = 'quarantined' AND ref = ?");
        receipt.setString(1, Long.toString(id));
        receipt.executeUpdate();
        PreparedStatement entry = statement("UPDATE quarantine SET status = 'resolved', updated_at = ? WHERE id = ?");
        entry.setObject(1, now());
        entry.setLong(2, id);
        entry.executeUpdate();
    }

    public long insertQuarantine(String stage, String reason, ChannelRef channel, String rawSha256)
            throws SQLException {
        PreparedStatement ps = statement("INSERT INTO quarantine (status, stage, reason, channel_kind,"
                + " channel_name, raw_sha256, created_at, updated_at) VALUES ('open', ?, ?, ?, ?, ?, ?, ?)", true);
        ps.setString(1, stage);
        ps.setString(2, reason);
        ps.setString(3, channel.kind());
        ps.setString(4, channel.name());
        ps.setString(5, rawSha256);
        ps.setObject(6, now());
        ps.setObject(7, now());
        ps.executeUpdate();
        return generatedId(ps);
    }

    private boolean exists(String sql, String key) throws SQLException {
        PreparedStatement ps = statement(sql);
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static long generatedId(Statement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    static String boundedKey(String key) {
        return key.length() <= MAX_KEY ? key : "sha256-of-key:" + Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
