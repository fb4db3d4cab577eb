package org.inboundrouter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Json;
import org.inboundrouter.model.Priority;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Corrections from agents are labels (issue 14): a person who changes a ticket's category, through the API or in the
 * ticket system a sink delivers to, says which category the ticket's first customer message belongs to. Each change
 * updates the ticket and is kept as a row of the {@code correction} table, exported as labelled examples for
 * {@code inbound-router eval} and {@code learn}.
 *
 * <p>The category must be one of the live taxonomy's (the supplier is asked each time, so a hot-reloaded taxonomy
 * counts at once). Setting the category a ticket already has records nothing. The priority follows the new category's
 * default priority, unless the ticket's priority is above the old category's default (raised by urgency signals, or
 * by a more urgent later message): then it is kept, and only raised if the new default is higher still. A ticket whose
 * old category the taxonomy no longer has counts as raised, so a correction never lowers its priority. The ticket's
 * {@code updated_at} is left alone (it times conversations, and a correction is no customer activity).
 */
public final class Corrections {

    public static final String API = "api";
    public static final String RT = "rt";
    public static final String ZAMMAD = "zammad";
    /** Where a correction was made. */
    public static final Set<String> SOURCES = Set.of(API, RT, ZAMMAD);

    private static final int MAX_BY = 255;

    /**
     * One correction.
     *
     * @param messageId the ticket's first customer message: its text is the labelled example
     * @param correctedBy who made it, as far as the router knows
     * @param source    {@code api}, {@code rt} or {@code zammad}
     */
    public record Correction(long id, long ticketId, String messageId, String oldCategory, String newCategory,
            Instant correctedAt, String correctedBy, String source) {
    }

    /** A correction with the subject and text of its message (null when the message is missing). */
    public record LabelledCorrection(Correction correction, String subject, String text) {
    }

    /** What {@link #correct} did. */
    public enum Outcome { CORRECTED, UNCHANGED, NO_TICKET }

    /** @param correction the row recorded ({@link Outcome#CORRECTED} only) */
    public record Result(Outcome outcome, Correction correction) {
    }

    /** A category id that is not one of the live taxonomy's. */
    public static final class UnknownCategory extends Exception {
        private final String category;
        private final List<String> allowed;

        UnknownCategory(String category, List<String> allowed) {
            super("unknown category \"" + category + "\": the taxonomy's categories are " + String.join(", ", allowed));
            this.category = category;
            this.allowed = List.copyOf(allowed);
        }

        public String category() {
            return category;
        }

        public List<String> allowed() {
            return allowed;
        }
    }

    private final Database db;
    private final Supplier<Map<String, Priority>> categories;
    private final Clock clock;

    /** @param categories the live taxonomy's category ids with their default priorities, in the taxonomy's order */
    public Corrections(Database db, Supplier<Map<String, Priority>> categories) {
        this(db, categories, Clock.systemUTC());
    }

    public Corrections(Database db, Supplier<Map<String, Priority>> categories, Clock clock) {
        this.db = db;
        this.categories = categories;
        this.clock = clock;
    }

    /** The live taxonomy's category ids with their default priorities. */
    public Map<String, Priority> categories() {
        return categories.get();
    }

    /**
     * Sets ticket {@code ticketId}'s category to {@code category} and records the correction, in one transaction.
     *
     * @param source      {@code api}, {@code rt} or {@code zammad}
     * @param correctedBy who; blank means the source itself
     * @throws UnknownCategory when the taxonomy has no such category (nothing is changed)
     */
    public Result correct(long ticketId, String category, String source, String correctedBy)
            throws UnknownCategory, SQLException {
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("source must be one of " + SOURCES + ", was " + source);
        }
        Map<String, Priority> defaults = categories.get();
        if (category == null || !defaults.containsKey(category)) {
            throw new UnknownCategory(category, List.copyOf(defaults.keySet()));
        }
        String by = correctedBy == null || correctedBy.isBlank() ? source : correctedBy.strip();
        String who = by.length() <= MAX_BY ? by : by.substring(0, MAX_BY);
        return db.inTransaction(c -> {
            String oldCategory;
            List<String> oldCategories;
            Priority oldPriority;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT category, categories, priority FROM tickets WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, ticketId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Result(Outcome.NO_TICKET, null);
                    }
                    oldCategory = rs.getString(1);
                    oldCategories = Categories.parse(rs.getString(2));
                    oldPriority = Priority.of(rs.getString(3));
                }
            }
            if (category.equals(oldCategory)) {
                return new Result(Outcome.UNCHANGED, null);
            }
            Set<String> newCategories = new LinkedHashSet<>();
            newCategories.add(category);
            newCategories.addAll(oldCategories);
            Priority priority = priorityAfter(oldPriority, defaults.get(oldCategory), defaults.get(category));
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tickets SET category = ?, categories = ?, priority = ? WHERE id = ?")) {
                ps.setString(1, category);
                ps.setString(2, Categories.format(new ArrayList<>(newCategories)));
                ps.setString(3, priority.id());
                ps.setLong(4, ticketId);
                ps.executeUpdate();
            }
            String messageId = firstCustomerMessage(c, ticketId).orElse(null);
            Instant at = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO correction (ticket_id, message_id,"
                    + " old_category, new_category, corrected_at, corrected_by, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                ps.setLong(1, ticketId);
                ps.setString(2, messageId);
                ps.setString(3, oldCategory);
                ps.setString(4, category);
                ps.setObject(5, at.atOffset(ZoneOffset.UTC));
                ps.setString(6, who);
                ps.setString(7, source);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new Result(Outcome.CORRECTED, new Correction(keys.getLong(1), ticketId, messageId,
                            oldCategory, category, at, who, source));
                }
            }
        });
    }

    /**
     * The new category's default priority, unless {@code current} was raised above the old category's default (or
     * the old category is unknown): then the higher of {@code current} and the new default.
     */
    static Priority priorityAfter(Priority current, Priority oldDefault, Priority newDefault) {
        boolean raised = oldDefault == null || current.compareTo(oldDefault) > 0;
        return raised ? current.max(newDefault) : newDefault;
    }

    private static Optional<String> firstCustomerMessage(Connection c, long ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM messages WHERE ticket_id = ?"
                + " AND kind = 'customer' ORDER BY received_at, id FETCH FIRST 1 ROWS ONLY")) {
            ps.setLong(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static final String COLUMNS = "c.id, c.ticket_id, c.message_id, c.old_category, c.new_category,"
            + " c.corrected_at, c.corrected_by, c.source";

    /**
     * The corrections made at or after {@code since} (null: all), oldest first, at most {@code limit} (null: all).
     */
    public List<Correction> list(Instant since, Integer limit) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = select(c, COLUMNS + " FROM correction c", since, limit)) {
                List<Correction> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(correction(rs));
                    }
                }
                return out;
            }
        });
    }

    /** As {@link #list}, each with its message's subject and text. */
    public List<LabelledCorrection> labelled(Instant since, Integer limit) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = select(c, COLUMNS + ", m.model_json FROM correction c"
                    + " LEFT JOIN messages m ON m.id = c.message_id", since, limit)) {
                List<LabelledCorrection> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String model = rs.getString(9);
                        InboundMessage m = model == null ? null : message(model);
                        out.add(new LabelledCorrection(correction(rs), m == null ? null : m.subject(),
                                m == null ? null : m.text()));
                    }
                }
                return out;
            }
        });
    }

    private static PreparedStatement select(Connection c, String what, Instant since, Integer limit)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement("SELECT " + what
                + (since == null ? "" : " WHERE c.corrected_at >= ?") + " ORDER BY c.corrected_at, c.id"
                + (limit == null ? "" : " FETCH FIRST ? ROWS ONLY"));
        int i = 1;
        if (since != null) {
            ps.setObject(i++, since.atOffset(ZoneOffset.UTC));
        }
        if (limit != null) {
            ps.setInt(i, limit);
        }
        return ps;
    }

    private static Correction correction(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject(6, OffsetDateTime.class);
        return new Correction(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                at == null ? null : at.toInstant(), rs.getString(7), rs.getString(8));
    }

    private static InboundMessage message(String json) throws SQLException {
        try {
            return Json.mapper().readValue(json, InboundMessage.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored message JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
