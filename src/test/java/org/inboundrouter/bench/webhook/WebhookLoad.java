package org.inboundrouter.bench.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An open-loop load driver for the SMS-gateway webhook: requests are sent at fixed times for a given rate, whether or
 * not earlier ones have been answered, and each latency is measured from the time the request was due, so that a
 * slow server cannot hide its queueing (no coordinated omission).
 *
 * <p>Usage: {@code WebhookLoad URL SECRET RATES SECONDS [LABEL]}, e.g.
 * {@code http://127.0.0.1:8080/webhooks/gw s3cret 500,1000,2000 10 router}. Prints one line per rate:
 * {@code label rate=.. sent=.. ok=.. errors=.. achieved=../s p50=..ms p99=..ms max=..ms held=yes|no}.
 * A rate is held when every request got 2xx, the answers kept up (achieved ≥ 95% of the rate) and p99 < 100 ms.
 */
public final class WebhookLoad {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String secret = args[1];
        int[] rates = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(args[3]);
        String label = args.length > 4 ? args[4] : "load";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(5)).build();
        // warm-up: JIT, connection pool, store caches; not reported
        run(client, url, secret, 300, 5);
        for (int rate : rates) {
            Result r = run(client, url, secret, rate, seconds);
            System.out.println(r.line(label));
            System.out.flush();
            if (!r.held() && r.p99Ms() > 1000) {
                break; // far past saturation: higher rates only queue more
            }
        }
        System.exit(0);
    }

    record Result(int rate, int sent, int ok, int errors, double achieved, double p50Ms, double p99Ms,
            double maxMs) {
        boolean held() {
            return errors == 0 && achieved >= rate * 0.95 && p99Ms < 100;
        }

        String line(String label) {
            return String.format(Locale.ROOT, "%s rate=%d sent=%d ok=%d errors=%d achieved=%.0f/s p50=%.1fms "
                    + "p99=%.1fms max=%.1fms held=%s", label, rate, sent, ok, errors, achieved, p50Ms, p99Ms,
                    maxMs, held() ? "yes" : "no");
        }
    }

    private static Result run(HttpClient client, String url, String secret, int rate, int seconds)
            throws Exception {
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            byte[] body = body(IDS.incrementAndGet());
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Signature", hmac(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
                latencies.add(System.nanoTime() - due);
                if (e == null && r.statusCode() / 100 == 2) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        scheduler.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(rate, total, ok.get(), errors.get(), ok.get() / elapsed, pct(sorted, 0.50),
                pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** One SMS from one of 20,000 customers, Chinese text, as a gateway would post it. */
    private static byte[] body(long id) {
        long customer = id % 20_000;
        return ("{\"id\":\"bench-" + id + "\",\"from\":\"+86139" + String.format("%08d", customer)
                + "\",\"to\":\"10690000\",\"text\":\"我昨天充值了200元但是余额没有变化，交易号" + id
                + "，请尽快处理\",\"timestamp\":" + (System.currentTimeMillis() / 1000) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }
}
