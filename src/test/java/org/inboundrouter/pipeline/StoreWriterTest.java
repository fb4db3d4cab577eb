package org.inboundrouter.pipeline;

import org.inboundrouter.store.Database;
import org.inboundrouter.store.StoreTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreWriterTest {

    @TempDir
    Path dir;

    private Database db;
    private StoreWriter writer;
    private final ExecutorService callers = Executors.newCachedThreadPool();
    /** The transactions the works ran in, one per batch. */
    private final Set<StoreTransaction> transactions = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void open() {
        db = Database.embedded(dir);
        writer = new StoreWriter(db, 256, 1 << 20);
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        writer.close();
        db.close();
    }

    private StoreWriter.Work receipt(String key) {
        return tx -> {
            transactions.add(tx);
            tx.putReceipt(key, "message", key, "test");
            return new IngestOutcome(IngestOutcome.Kind.CREATED, 1L, key, "other");
        };
    }

    private Future<IngestOutcome> submit(StoreWriter.Work work) {
        return callers.submit(() -> writer.store(work, 100));
    }

    private boolean stored(String key) throws SQLException {
        return db.read(c -> new StoreTransaction(c).hasReceipt(key));
    }

    private void awaitQueued(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.queued() != count) {
            assertThat(System.nanoTime()).as("%d messages queued in time", count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Occupies the writer until the returned latch is released. */
    private CountDownLatch busyWriter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        submit(tx -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new SQLException("interrupted", e);
            }
            return receipt("first").store(tx);
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void messagesThatQueueBehindABusyWriterShareOneTransaction() throws Exception {
        CountDownLatch release = busyWriter();
        List<Future<IngestOutcome>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(submit(receipt("m" + i)));
        }
        awaitQueued(20);
        release.countDown();

        for (Future<IngestOutcome> f : queued) {
            assertThat(f.get(10, TimeUnit.SECONDS).kind()).isEqualTo(IngestOutcome.Kind.CREATED);
        }
        // the first batch held only the blocking work; the 20 behind it went in together
        assertThat(transactions).hasSize(2);
        for (int i = 0; i < 20; i++) {
            assertThat(stored("m" + i)).isTrue();
        }
    }

    @Test
    void aMessageTheStoreRefusesIsRolledBackAloneAndTheRestOfItsBatchCommits() throws Exception {
        CountDownLatch release = busyWriter();
        Future<IngestOutcome> before = submit(receipt("before"));
        Future<IngestOutcome> refused = submit(tx -> {
            tx.putReceipt("refused", "message", "refused", "test");
            throw new SQLException("value too long for column", "22001");
        });
        Future<IngestOutcome> after = submit(receipt("after"));
        awaitQueued(3);
        release.countDown();

        assertThat(before.get(10, TimeUnit.SECONDS).ref()).isEqualTo("before");
        assertThat(after.get(10, TimeUnit.SECONDS).ref()).isEqualTo("after");
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(UnstorableMessageException.class)
                .hasMessageContaining("value too long");
        assertThat(stored("before")).isTrue();
        assertThat(stored("after")).isTrue();
        assertThat(stored("refused")).isFalse();
    }

    @Test
    void aTransientFailureIsReportedAsTransient() throws Exception {
        Future<IngestOutcome> lockTimeout = submit(tx -> {
            throw new SQLException("Timeout trying to lock table", "HYT00");
        });

        assertThatThrownBy(() -> lockTimeout.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(TransientStoreException.class);
    }

    @Test
    void closingWritesWhatIsQueuedAndThenRefusesAsTransient() throws Exception {
        CountDownLatch release = busyWriter();
        Future<IngestOutcome> queued = submit(receipt("queued"));
        awaitQueued(1);
        Future<?> closing = callers.submit(writer::close);
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);

        assertThat(queued.get(10, TimeUnit.SECONDS).ref()).isEqualTo("queued");
        assertThat(stored("queued")).isTrue();
        assertThatThrownBy(() -> writer.store(receipt("late"), 1)).isInstanceOf(TransientStoreException.class)
                .hasMessageContaining("shutting down");
    }
}
