package org.inboundrouter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.entity.Entities;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Json;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.ticket.SubjectToken;
import org.inboundrouter.ticket.TicketEntities;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.inboundrouter.ticket.TicketStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The read side of the store, for the HTTP API and the CLI. */
public final class TicketQueries {

    private static final String TICKET_COLUMNS = "t.id, t.status, t.category, t.categories, t.priority, t.channel_kind,"
            + " t.channel_name, t.customer_address, t.customer_name, t.subject, t.created_at, t.updated_at,"
            + " (SELECT COUNT(*) FROM messages m WHERE m.ticket_id = t.id)";

    private final Database db;

    public TicketQueries(Database db) {
        this.db = db;
    }

    /** Filters are exact matches; {@code channel} matches a channel's name or its kind. Null means any. */
    public record TicketFilter(String category, String channel, String status) {
    }

    public record SuppressedEntry(long id, String kind, String reason, ChannelRef channel, String sender,
            String subject, String concernsExternalId, String rawRef, Instant createdAt) {
    }

    /**
     * @param outboxId     for a delivery that failed for good: the outbox item a retry puts back in line
     * @param remoteAnswer for a delivery: what the remote system answered last
     */
    public record QuarantineEntry(long id, String status, String stage, String reason, ChannelRef channel,
            String rawRef, Instant createdAt, Instant updatedAt, Long outboxId, String remoteAnswer) {
    }

    public record StoredContent(String mediaType, byte[] bytes) {
    }

    /** Newest first. */
    public List<Ticket> list(TicketFilter filter, int limit, int offset) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(TICKET_COLUMNS).append(" FROM tickets t WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (filter.category() != null) {
            sql.append(" AND t.category = ?");
            args.add(filter.category());
        }
        if (filter.channel() != null) {
            sql.append(" AND (t.channel_name = ? OR t.channel_kind = ?)");
            args.add(filter.channel());
            args.add(filter.channel());
        }
        if (filter.status() != null) {
            sql.append(" AND t.status = ?");
            args.add(filter.status());
        }
        sql.append(" ORDER BY t.created_at DESC, t.id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY");
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (String arg : args) {
                    ps.setString(i++, arg);
                }
                ps.setInt(i++, offset);
                ps.setInt(i, limit);
                List<Ticket> tickets = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tickets.add(ticket(rs, null));
                    }
                }
                return tickets;
            }
        });
    }

    /** The ticket with its messages, oldest first. */
    public Optional<Ticket> find(long id) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + TICKET_COLUMNS + " FROM tickets t WHERE t.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ticket(rs, messages(c, id))) : Optional.empty();
                }
            }
        });
    }

    /** Sets a ticket's status (an agent closed or reopened it); false when there is no such ticket. */
    public boolean setStatus(long id, org.inboundrouter.ticket.TicketStatus status) throws SQLException {
        return db.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE tickets SET status = ? WHERE id = ?")) {
                ps.setString(1, status.id());
                ps.setLong(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public List<SuppressedEntry> suppressed(int limit) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, reason, channel_kind, channel_name,"
                    + " sender_address, subject, concerns_external_id, raw_sha256, created_at FROM suppressed"
                    + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
                ps.setInt(1, limit);
                List<SuppressedEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SuppressedEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                                new ChannelRef(rs.getString(4), rs.getString(5)), rs.getString(6), rs.getString(7),
                                rs.getString(8), "sha256:" + rs.getString(9), instant(rs, 10)));
                    }
                }
                return out;
            }
        });
    }

    public List<QuarantineEntry> quarantine(int limit) throws SQLException {
        return quarantine(null, limit);
    }

    /** Newest first; {@code status} open, retried or resolved, or null for all. */
    public List<QuarantineEntry> quarantine(String status, int limit) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + QUARANTINE_COLUMNS + " FROM quarantine"
                    + (status == null ? "" : " WHERE status = ?") + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
                int i = 1;
                if (status != null) {
                    ps.setString(i++, status);
                }
                ps.setInt(i, limit);
                List<QuarantineEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(quarantineEntry(rs));
                    }
                }
                return out;
            }
        });
    }

    public Optional<QuarantineEntry> quarantineEntry(long id) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + QUARANTINE_COLUMNS
                    + " FROM quarantine WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(quarantineEntry(rs)) : Optional.empty();
                }
            }
        });
    }

    private static final String QUARANTINE_COLUMNS = "id, status, stage, reason, channel_kind, channel_name,"
            + " raw_sha256, created_at, updated_at, outbox_id, remote_answer";

    private static QuarantineEntry quarantineEntry(ResultSet rs) throws SQLException {
        long outbox = rs.getLong(10);
        return new QuarantineEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                new ChannelRef(rs.getString(5), rs.getString(6)), "sha256:" + rs.getString(7), instant(rs, 8),
                instant(rs, 9), rs.wasNull() ? null : outbox, rs.getString(11));
    }

    public Optional<StoredContent> attachment(String sha256) throws SQLException {
        return content("SELECT media_type, content FROM attachment_contents WHERE sha256 = ?", sha256);
    }

    public Optional<StoredContent> raw(String sha256) throws SQLException {
        return content("SELECT 'message/rfc822', content FROM raw_sources WHERE sha256 = ?", sha256);
    }

    private Optional<StoredContent> content(String sql, String sha256) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredContent(rs.getString(1), rs.getBytes(2)))
                            : Optional.empty();
                }
            }
        });
    }

    private static List<TicketMessage> messages(Connection c, long ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, classification_json, entities_json, model_json"
                + " FROM messages"
                + " WHERE ticket_id = ? ORDER BY received_at, id")) {
            ps.setLong(1, ticketId);
            List<TicketMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String classification = rs.getString(2);
                    String entities = rs.getString(3);
                    out.add(new TicketMessage(rs.getString(1),
                            classification == null ? null : fromJson(classification, Classification.class),
                            entities == null ? null : fromJson(entities, Entities.class),
                            fromJson(rs.getString(4), InboundMessage.class)));
                }
            }
            return out;
        }
    }

    private static <T> T fromJson(String json, Class<T> type) throws SQLException {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored " + type.getSimpleName() + " JSON is unreadable: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static Ticket ticket(ResultSet rs, List<TicketMessage> messages) throws SQLException {
        long id = rs.getLong(1);
        return new Ticket(id, SubjectToken.of(id), TicketStatus.of(rs.getString(2)), rs.getString(3),
                Categories.parse(rs.getString(4)), Priority.of(rs.getString(5)),
                new ChannelRef(rs.getString(6), rs.getString(7)), new Party(rs.getString(8), rs.getString(9)),
                rs.getString(10), instant(rs, 11), instant(rs, 12), rs.getInt(13),
                messages == null ? null : TicketEntities.merge(messages), messages);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
