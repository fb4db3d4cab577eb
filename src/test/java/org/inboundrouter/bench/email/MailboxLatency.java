package org.inboundrouter.bench.email;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Time from delivery to ticket: the channel runs (the shipped consumer waiting with IDLE, or camel-mail polling
 * every second), mails are delivered one at a time by a command (Dovecot's LDA, as an MTA would: scripts/dovecot/
 * deliver.sh), and each mail's latency runs from the moment the delivery command returned to the moment its exchange
 * completed, i.e. it was committed to the store. Everything already in the mailbox is marked seen first.
 *
 * <p>Usage: {@code MailboxLatency VARIANT HOST PORT USER PASSWORD COUNT GAP_MS DELIVER_COMMAND...}, VARIANT
 * {@code consumer} or {@code camel-mail}. Prints {@code variant=.. mails=.. gap_ms=.. p50_ms=.. p90_ms=.. p99_ms=..
 * max_ms=..}.
 */
public final class MailboxLatency {

    private MailboxLatency() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        BenchMailbox mailbox = BenchMailbox.fromArgs(args, 1);
        int count = Integer.parseInt(args[5]);
        long gapMs = Long.parseLong(args[6]);
        List<String> deliver = Arrays.asList(args).subList(7, args.length);
        BenchMailbox.streamProvider(true);
        boolean camelMail = variant.equals("camel-mail");
        mailbox.markAll(false);
        String prefix = "latency-" + variant + "-" + System.currentTimeMillis();
        Path data = Files.createTempDirectory("email-bench-latency");
        Duration poll = camelMail ? Duration.ofSeconds(1) : Duration.ofSeconds(60);
        try (BenchRouter router = new BenchRouter(mailbox.channel(poll), camelMail, data)) {
            router.start();
            Thread.sleep(3000); // connected and idling (or polling) before the first mail
            long[] delivered = new long[count];
            for (int i = 0; i < count; i++) {
                Process lda = new ProcessBuilder(deliver).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                try (var in = lda.getOutputStream()) {
                    in.write(BenchMails.mail(prefix, i));
                }
                if (lda.waitFor() != 0) {
                    throw new IllegalStateException("delivery failed: " + deliver);
                }
                delivered[i] = System.nanoTime();
                Thread.sleep(gapMs);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (router.completed() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Long done = router.completedAt(prefix + "-" + i + "@bench");
                if (done == null) {
                    throw new IllegalStateException("mail " + i + " never became a ticket");
                }
                ms.add((done - delivered[i]) / 1e6);
            }
            ms.sort(Comparator.naturalOrder());
            System.out.printf(Locale.ROOT, "variant=%s mails=%d gap_ms=%d p50_ms=%.0f p90_ms=%.0f p99_ms=%.0f "
                    + "max_ms=%.0f%n", variant, count, gapMs, pct(ms, 50), pct(ms, 90), pct(ms, 99),
                    ms.get(ms.size() - 1));
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** Nearest-rank percentile. */
    private static double pct(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
