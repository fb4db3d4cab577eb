package org.inboundrouter.ops;

import org.inboundrouter.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The few store reads health and metrics need that the API does not. */
final class OpsQueries {

    private final Database db;

    OpsQueries(Database db) {
        this.db = db;
    }

    long openQuarantine() throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM quarantine WHERE status = 'open'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** When the outbox item was queued, i.e. when its message was committed. */
    Optional<Instant> queuedAt(long outboxId) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at FROM outbox WHERE id = ?")) {
                ps.setLong(1, outboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant())
                            : Optional.empty();
                }
            }
        });
    }
}
