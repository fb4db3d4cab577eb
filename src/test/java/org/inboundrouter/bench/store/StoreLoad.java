package org.inboundrouter.bench.store;

import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.classify.KeywordClassifier;
import org.inboundrouter.classify.TaxonomyReader;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Party;
import org.inboundrouter.pipeline.IngestPipeline;
import org.inboundrouter.store.Database;
import org.inboundrouter.ticket.ConversationThreading;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest pipeline alone, without HTTP: {@code threads} callers each storing SMS messages as the sms-gateway
 * webhook builds them (the same text and customers as {@code WebhookLoad}), into a fresh embedded store, for
 * {@code seconds}. Prints messages stored per second. A diagnostic for the store's part of the webhook figure.
 * With {@code -Dstore.rawBytes=N} each message's raw source is padded to N bytes (3000: a mail of the email
 * benchmark's size), which bounds what the store can take of mail-sized messages.
 * With {@code -Dstore.cipherKey=KEY} the store is encrypted (inbound.store.encryption-key), for its cost.
 * Usage: StoreLoad THREADS SECONDS [TAXONOMY]
 */
public final class StoreLoad {

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Path taxonomy = Path.of(args.length > 2 ? args[2] : "classifiers/wallet-support.yaml");
        Path dir = Files.createTempDirectory("store-load");
        ChannelRef channel = new ChannelRef("sms", "gw");
        try (Database db = Database.embedded(dir, System.getProperty("store.cipherKey"));
                IngestPipeline pipeline = new IngestPipeline(db, new KeywordClassifier(TaxonomyReader.read(taxonomy)),
                        Map.of("sms", new ConversationThreading(Duration.ofHours(72))))) {
            AtomicLong ids = new AtomicLong();
            run(pipeline, channel, ids, threads, 3); // warm-up
            long before = ids.get();
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            run(pipeline, channel, ids, threads, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long stored = ids.get() - before;
            // CPU time is steadier than the rate on a shared machine: it counts the work, not the waiting
            System.out.printf(Locale.ROOT, "store threads=%d messages=%d rate=%.0f/s cpu=%.3f ms/message%n", threads,
                    stored, stored / elapsed, (processCpuNanos() - cpuBefore) / 1e6 / stored);
            System.out.println("cpu by thread (whole run, ms): " + cpuByThread());
        }
    }

    /** CPU time of the live threads, summed by name with digits dropped (callers, writer, H2's own threads). */
    private static java.util.Map<String, Long> cpuByThread() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                byName.merge(info.getThreadName().replaceAll("[0-9]+", "N"), cpu / 1_000_000, Long::sum);
            }
        }
        return byName;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void run(IngestPipeline pipeline, ChannelRef channel, AtomicLong ids, int threads, int seconds)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    pipeline.ingest(sms(channel, ids.incrementAndGet()));
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    }

    private static final int RAW_BYTES = Integer.getInteger("store.rawBytes", 0);

    private static Intake sms(ChannelRef channel, long id) {
        String from = "+86139" + String.format(Locale.ROOT, "%08d", id % 20_000);
        String text = "我昨天充值了200元但是余额没有变化，交易号" + id + "，请尽快处理";
        String json = "{\"id\":\"bench-" + id + "\",\"from\":\"" + from + "\",\"to\":\"10690000\",\"text\":\"" + text
                + "\"}";
        int jsonBytes = json.getBytes(StandardCharsets.UTF_8).length;
        byte[] raw = (json + " ".repeat(Math.max(0, RAW_BYTES - jsonBytes))).getBytes(StandardCharsets.UTF_8);
        return ChatIntake.from(channel, raw).dedupKey("gw:bench-" + id).externalId("bench-" + id)
                .sender(new Party(from, null)).text(text).receivedAt(Instant.now()).threadKey(from).build();
    }
}
