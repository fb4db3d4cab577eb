package org.inboundrouter.pipeline;

import org.inboundrouter.store.Database;
import org.inboundrouter.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Group commit: one thread writes what every channel hands in, many messages per transaction, and a second thread
 * makes the commits durable, many transactions per flush to disk. A message waits while the batch before it is
 * written, and every message that arrived meanwhile goes into the next batch; so under load the batches grow by
 * themselves, and alone a message is written at once. The flush of one batch overlaps the writing of the next.
 * <p>
 * Why: measured with one transaction per message, the embedded store's flush (2 to 7 ms) set the pace, about 400
 * messages/s whatever the number of threads. Why one writing thread: two messages of one customer stored at the
 * same time could each open a ticket, since neither transaction sees the other's; in order, the second finds the
 * first's.
 * <p>
 * Each message has a savepoint of its own, so one the store refuses is rolled back alone and the rest of its batch
 * commits. The caller hears of its message only after its batch is committed and on disk.
 */
final class StoreWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    /** Stores one message inside a batch's transaction. */
    @FunctionalInterface
    interface Work {
        IngestOutcome store(StoreTransaction tx) throws SQLException;
    }

    private record Pending(Work work, long bytes, CompletableFuture<IngestOutcome> done) {
    }

    /** A committed batch waiting for the flush: each message's outcome or the exception that rolled it back. */
    private record Committed(List<Pending> batch, Object[] results) {
    }

    private final Database db;
    private final int maxBatch;
    private final long maxBatchBytes;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread thread;
    private final Thread flusher;
    private final ArrayDeque<Committed> committed = new ArrayDeque<>();
    private boolean closed;
    private boolean written;

    /**
     * @param maxBatch most messages in one transaction
     * @param maxBatchBytes a batch takes no further message once its raw sizes add up to this (a batch of large
     *     mails is held in memory until its commit)
     */
    StoreWriter(Database db, int maxBatch, long maxBatchBytes) {
        this.db = db;
        this.maxBatch = maxBatch;
        this.maxBatchBytes = maxBatchBytes;
        this.thread = new Thread(this::run, "inbound-store-writer");
        this.flusher = new Thread(this::flush, "inbound-store-flush");
        thread.setDaemon(true);
        flusher.setDaemon(true);
        thread.start();
        flusher.start();
    }

    /**
     * Stores {@code work} in the next batch; returns once it is committed and durable.
     *
     * @param bytes the message's size, to bound a batch's memory
     */
    IngestOutcome store(Work work, long bytes) throws TransientStoreException, UnstorableMessageException {
        Pending pending = new Pending(work, bytes, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                throw new TransientStoreException("store: the daemon is shutting down", null);
            }
            queue.addLast(pending);
            notifyAll();
        }
        try {
            return pending.done().get();
        } catch (InterruptedException e) {
            // it may still be committed: the source offers it again, and its receipt makes that a duplicate
            Thread.currentThread().interrupt();
            throw new TransientStoreException("store: interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TransientStoreException t) {
                throw new TransientStoreException(t.getMessage(), t.getCause());
            }
            if (cause instanceof UnstorableMessageException u) {
                throw new UnstorableMessageException(u.getMessage(), u.getCause());
            }
            throw new TransientStoreException("store: " + cause, cause);
        }
    }

    /** Messages waiting for the batch after the one being written (for tests). */
    synchronized int queued() {
        return queue.size();
    }

    /** Writes what is queued, then stops; messages handed in later are refused as transient. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            List<Pending> batch = next();
            if (batch == null) {
                synchronized (this) {
                    written = true;
                    notifyAll();
                }
                return;
            }
            try {
                write(batch);
            } catch (Throwable e) {
                // whatever it was, no caller may wait for ever; each offers its message again
                LOG.warn("store: a batch of {} failed: {}", batch.size(), e.toString());
                fail(batch, new TransientStoreException("store: " + e, e));
            }
        }
    }

    /** The next batch: waits for a first message, then takes what has queued up behind it. Null once closed. */
    private synchronized List<Pending> next() {
        while (queue.isEmpty()) {
            if (closed) {
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                // only close() ends the writer, after the queue is empty
            }
        }
        List<Pending> batch = new ArrayList<>();
        long bytes = 0;
        while (!queue.isEmpty() && batch.size() < maxBatch && (batch.isEmpty() || bytes < maxBatchBytes)) {
            Pending p = queue.pollFirst();
            batch.add(p);
            bytes += p.bytes();
        }
        return batch;
    }

    private void write(List<Pending> batch) {
        Object[] results = new Object[batch.size()];
        try {
            db.commit(c -> {
                try (StoreTransaction tx = new StoreTransaction(c)) {
                    for (int i = 0; i < batch.size(); i++) {
                        results[i] = storeOne(c, tx, batch.get(i).work());
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            // nothing of the batch was committed: none of it may be acknowledged
            fail(batch, new TransientStoreException("store: " + StoreFailures.describe(e), e));
            return;
        }
        synchronized (this) {
            committed.addLast(new Committed(batch, results));
            notifyAll();
        }
    }

    /** The flushing thread: one flush covers every batch committed before it starts. */
    private void flush() {
        while (true) {
            List<Committed> waiting = new ArrayList<>();
            synchronized (this) {
                while (committed.isEmpty() && !written) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // only close() ends the flusher, once the writer is done
                    }
                }
                if (committed.isEmpty()) {
                    return;
                }
                waiting.addAll(committed);
                committed.clear();
            }
            try {
                db.awaitDurable();
            } catch (SQLException | RuntimeException e) {
                // committed but perhaps not on disk: the sources offer these again, and the receipts make them
                // duplicates if the commits survive
                TransientStoreException failure = new TransientStoreException(
                        "store: flush failed: " + e.getMessage(), e);
                waiting.forEach(done -> fail(done.batch(), failure));
                continue;
            }
            for (Committed done : waiting) {
                for (int i = 0; i < done.batch().size(); i++) {
                    CompletableFuture<IngestOutcome> future = done.batch().get(i).done();
                    if (done.results()[i] instanceof IngestOutcome outcome) {
                        future.complete(outcome);
                    } else {
                        future.completeExceptionally((Throwable) done.results()[i]);
                    }
                }
            }
        }
    }

    private static void fail(List<Pending> batch, Exception failure) {
        for (Pending p : batch) {
            p.done().completeExceptionally(failure);
        }
    }

    /** One message under its own savepoint: its outcome, or the exception that rolled it back alone. */
    private static Object storeOne(Connection c, StoreTransaction tx, Work work) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            IngestOutcome outcome = work.store(tx);
            c.releaseSavepoint(savepoint);
            return outcome;
        } catch (SQLException e) {
            c.rollback(savepoint);
            return StoreFailures.isTransient(e)
                    ? new TransientStoreException("store: " + StoreFailures.describe(e), e)
                    : new UnstorableMessageException("store: " + StoreFailures.describe(e), e);
        } catch (RuntimeException e) {
            c.rollback(savepoint);
            return new UnstorableMessageException("store: " + e, e);
        }
    }
}
