package org.inboundrouter.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.inboundrouter.config.StartupException;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** The connection pool to the ticket store, with the schema migrated to the latest version on open. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final GroupFlush flush;

    private final Path dataDir;

    private Database(HikariDataSource dataSource, GroupFlush flush, Path dataDir) {
        this.dataSource = dataSource;
        this.flush = flush;
        this.dataDir = dataDir;
    }

    /**
     * The embedded H2 store in {@code dataDir}. H2 holds commits in memory until it writes its store, so a commit is
     * followed by a (shared) {@code CHECKPOINT SYNC} before {@link #inTransaction} returns: a message acknowledged
     * after its commit survives a crash of the process or of the machine. DB_CLOSE_ON_EXIT=FALSE lets a graceful
     * shutdown finish in-flight messages before the database closes. The directory and its files are private to
     * this user ({@link DataDirectory}).
     */
    public static Database embedded(Path dataDir) {
        return embedded(dataDir, null);
    }

    /**
     * As {@link #embedded(Path)}; with a {@code fileKey}, the store's file is encrypted with it (H2's
     * {@code CIPHER=AES}: every page is encrypted on its way to disk). A store cannot be opened without the key it
     * was created with, nor an unencrypted one with a key: either is a {@link StartupException} in one sentence.
     */
    public static Database embedded(Path dataDir, String fileKey) {
        DataDirectory.prepare(dataDir);
        // QUERY_CACHE_SIZE: an ingest runs a dozen distinct statements, more than the 8 that H2 keeps parsed
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(FILE_NAME)
                + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64" + (fileKey == null ? "" : ";CIPHER=AES");
        HikariDataSource ds;
        try {
            // with a cipher H2 takes "FILE_PASSWORD USER_PASSWORD": the key, a space, then the user's (empty) one
            ds = pool(url, "sa", fileKey == null ? "" : fileKey + " ");
        } catch (RuntimeException e) {
            throw new StartupException(cannotOpen(dataDir, fileKey != null, e), e);
        }
        DataDirectory.tightenFiles(dataDir);
        return new Database(ds, new GroupFlush(ds, "CHECKPOINT SYNC"), dataDir);
    }

    /** The embedded store's file name without H2's extensions ({@code .mv.db}, {@code .trace.db}). */
    public static final String FILE_NAME = "inbound-router";

    /** One sentence on why the embedded store did not open: the key, the file, or H2's own first line. */
    private static String cannotOpen(Path dataDir, boolean withKey, RuntimeException e) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME + ".mv.db");
        SQLException sql = null;
        for (Throwable t = e; t != null && sql == null; t = t.getCause()) {
            sql = t instanceof SQLException s ? s : null;
        }
        int code = sql == null ? 0 : sql.getErrorCode();
        String start = "cannot open the embedded store " + file + ": ";
        // 90049: wrong encryption key; 90030: a page did not read as expected (encrypted, or with a key when it is not)
        if (withKey && (code == 90049 || code == 90030 || code == 28000)) {
            return start + "inbound.store.encryption-key is not the key it was encrypted with, or it is not encrypted";
        }
        if (!withKey && (code == 90030 || code == 90049 || code == 90020)) {
            return start + "it is encrypted (or damaged): set inbound.store.encryption-key to its key";
        }
        String message = sql != null ? sql.getMessage() : e.getMessage();
        message = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        return start + message;
    }

    /** An external database (PostgreSQL): its commit is durable by itself. */
    public static Database open(String jdbcUrl, String user, String password) {
        return new Database(pool(jdbcUrl, user, password), null, null);
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
        if (dataDir != null) {
            DataDirectory.tightenFiles(dataDir); // a trace file H2 wrote while running
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
