package org.inboundrouter.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** The connection pool to the ticket store, with the schema migrated to the latest version on open. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final GroupFlush flush;

    private Database(HikariDataSource dataSource, GroupFlush flush) {
        this.dataSource = dataSource;
        this.flush = flush;
    }

    /**
     * The embedded H2 store in {@code dataDir}. H2 holds commits in memory until it writes its store, so a commit is
     * followed by a (shared) {@code CHECKPOINT SYNC} before {@link #inTransaction} returns: a message acknowledged
     * after its commit survives a crash of the process or of the machine. DB_CLOSE_ON_EXIT=FALSE lets a graceful
     * shutdown finish in-flight messages before the database closes.
     */
    public static Database embedded(Path dataDir) {
        // QUERY_CACHE_SIZE: an ingest runs a dozen distinct statements, more than the 8 that H2 keeps parsed
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("inbound-router")
                + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
        HikariDataSource ds = pool(url, "sa", "");
        return new Database(ds, new GroupFlush(ds, "CHECKPOINT SYNC"));
    }

    /** An external database (PostgreSQL): its commit is durable by itself. */
    public static Database open(String jdbcUrl, String user, String password) {
        return new Database(pool(jdbcUrl, user, password), null);
    }

    private static HikariDataSource pool(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("ticket-store");
        config.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return ds;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction: committed, and on disk, when it returns; rolled back when it throws. (If
     * the flush after the commit fails, this throws although the data was committed: the caller does not acknowledge,
     * the source delivers again, and the dedup receipt turns that into a duplicate.)
     */
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        T result = commit(work);
        awaitDurable();
        return result;
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns but not necessarily on disk yet: for a caller
     * that has more to do before it waits with {@link #awaitDurable} (see pipeline.StoreWriter).
     */
    public <T> T commit(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Returns once every transaction committed before this call is on disk (at once for an external database). */
    public void awaitDurable() throws SQLException {
        if (flush != null) {
            flush.awaitDurable();
        }
    }

    /** Runs read-only {@code work} on a pooled connection. */
    public <T> T read(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
