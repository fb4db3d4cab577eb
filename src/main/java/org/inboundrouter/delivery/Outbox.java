package org.inboundrouter.delivery;

import org.inboundrouter.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The outbox table and the remote-ticket mapping: what is due, what blocks what, and recording outcomes. */
public final class Outbox {

    private final Database db;

    public Outbox(Database db) {
        this.db = db;
    }

    /**
     * The sink's due items, oldest first, leaving out any item with an earlier undelivered item of the same ticket:
     * a reply is never delivered before its ticket exists remotely, and a ticket's messages arrive in order.
     * Returns only once what it read is on disk: a message the store would lose in a crash must not reach a remote
     * system first, as the ticket number it carries would be given again to another ticket.
     */
    public List<OutboxItem> due(String sink, Instant now, int limit) throws SQLException {
        List<OutboxItem> due = read(sink, now, limit);
        if (!due.isEmpty()) {
            db.awaitDurable();
        }
        return due;
    }

    private List<OutboxItem> read(String sink, Instant now, int limit) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.ticket_id, o.message_id, o.action,"
                    + " o.attempts FROM outbox o WHERE o.sink = ? AND o.status = 'pending' AND o.next_attempt_at <= ?"
                    + " AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.sink = o.sink AND e.ticket_id = o.ticket_id"
                    + " AND e.id < o.id AND e.status <> 'done') ORDER BY o.id FETCH FIRST " + limit + " ROWS ONLY")) {
                ps.setString(1, sink);
                ps.setObject(2, at(now));
                List<OutboxItem> items = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new OutboxItem(rs.getLong(1), sink, rs.getLong(2), rs.getString(3),
                                rs.getString(4), rs.getInt(5)));
                    }
                }
                return items;
            }
        });
    }

    public Optional<String> remoteId(String sink, long ticketId) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT remote_id FROM remote_tickets WHERE sink = ? AND ticket_id = ?")) {
                ps.setString(1, sink);
                ps.setLong(2, ticketId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Records a delivery, and for a create the remote id, in one transaction. */
    public void delivered(OutboxItem item, String newRemoteId, Instant at) throws SQLException {
        delivered(item, newRemoteId, null, at);
    }

    /**
     * As {@link #delivered(OutboxItem, String, Instant)}, with the category values the new remote ticket carries
     * (null: not known), the baseline of the category read-back (see {@link #remoteCategories}).
     */
    public void delivered(OutboxItem item, String newRemoteId, Set<String> remoteCategories, Instant at)
            throws SQLException {
        db.inTransaction(c -> {
            if (newRemoteId != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO remote_tickets (sink, ticket_id,"
                        + " remote_id, created_at, categories) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, item.sink());
                    ps.setLong(2, item.ticketId());
                    ps.setString(3, newRemoteId);
                    ps.setObject(4, at(at));
                    ps.setString(5, remoteCategories == null ? null
                            : String.join("\n", categoryValues(remoteCategories)));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'done', attempts = ?,"
                    + " delivered_at = ?, last_error = NULL WHERE id = ?")) {
                ps.setInt(1, item.attempts() + 1);
                ps.setObject(2, at(at));
                ps.setLong(3, item.id());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The category values the remote ticket of our ticket carried when last written or read (lower case); empty when
     * not known: no remote ticket, or one delivered before they were kept.
     */
    public Optional<Set<String>> remoteCategories(String sink, long ticketId) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT categories FROM remote_tickets WHERE sink = ? AND ticket_id = ?")) {
                ps.setString(1, sink);
                ps.setLong(2, ticketId);
                try (ResultSet rs = ps.executeQuery()) {
                    String column = rs.next() ? rs.getString(1) : null;
                    return column == null ? Optional.empty() : Optional.of(categoryValues(
                            Arrays.asList(column.split("\n"))));
                }
            }
        });
    }

    /** Keeps {@code values} as what the remote ticket of our ticket carries now. */
    public void rememberRemoteCategories(String sink, long ticketId, Set<String> values) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE remote_tickets SET categories = ? WHERE sink = ? AND ticket_id = ?")) {
                ps.setString(1, String.join("\n", categoryValues(values)));
                ps.setString(2, sink);
                ps.setLong(3, ticketId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Category values as kept and compared: stripped, lower case, without blanks, sorted. */
    public static Set<String> categoryValues(java.util.Collection<String> values) {
        Set<String> out = new TreeSet<>();
        for (String v : values) {
            String s = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** @param counted false for a failure that says nothing about the item (the sink was down) */
    public void retryLater(OutboxItem item, String error, Duration wait, Instant now, boolean counted)
            throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET attempts = ?, next_attempt_at = ?,"
                    + " last_error = ? WHERE id = ?")) {
                ps.setInt(1, counted ? item.attempts() + 1 : item.attempts());
                ps.setObject(2, at(now.plus(wait)));
                ps.setString(3, truncate(error));
                ps.setLong(4, item.id());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Gives up on an item: marks it failed (which holds back the ticket's later items) and quarantines it with the
     * remote answer, in one transaction. Returns the quarantine id.
     */
    public long failed(OutboxItem item, String error, String remoteAnswer, Instant now) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'failed', attempts = ?,"
                    + " last_error = ?, remote_answer = ? WHERE id = ?")) {
                ps.setInt(1, item.attempts() + 1);
                ps.setString(2, truncate(error));
                ps.setString(3, truncate(remoteAnswer));
                ps.setLong(4, item.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine (status, stage, reason,"
                    + " channel_kind, channel_name, raw_sha256, created_at, updated_at, outbox_id, remote_answer)"
                    + " SELECT 'open', 'delivery', ?, t.channel_kind, t.channel_name, m.raw_sha256, ?, ?, ?, ?"
                    + " FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = ?", new String[] {"id"})) {
                ps.setString(1, truncate("delivery to " + item.sink() + " failed for good after "
                        + (item.attempts() + 1) + " attempt(s): " + error));
                ps.setObject(2, at(now));
                ps.setObject(3, at(now));
                ps.setLong(4, item.id());
                ps.setString(5, truncate(remoteAnswer));
                ps.setString(6, item.messageId());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    return keys.next() ? keys.getLong(1) : -1L;
                }
            }
        });
    }

    /** Puts a failed item back in line (after its cause was fixed); false when it is not failed. */
    public boolean requeue(long outboxId, Instant now) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'pending', attempts = 0,"
                    + " next_attempt_at = ? WHERE id = ? AND status = 'failed'")) {
                ps.setObject(1, at(now));
                ps.setLong(2, outboxId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Undelivered items per sink and the age of the oldest one, for health and metrics. */
    public record Lag(String sink, long pending, long failed, Instant oldestPending) {
    }

    public Lag lag(String sink) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT"
                    + " SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END),"
                    + " MIN(CASE WHEN status = 'pending' THEN created_at END) FROM outbox WHERE sink = ?")) {
                ps.setString(1, sink);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    OffsetDateTime oldest = rs.getObject(3, OffsetDateTime.class);
                    return new Lag(sink, rs.getLong(1), rs.getLong(2), oldest == null ? null : oldest.toInstant());
                }
            }
        });
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 4000) + "...";
    }
}
