package org.inboundrouter.bench.webhook;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
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
 * <p>The driver shares the machine with the server it measures, so it is kept lean: bodies and signatures for a window
 * are built before its clock starts, and requests go out from one Vert.x event loop over kept-alive connections. (The
 * JDK's HttpClient, used before, spent 0.84 ms of CPU per request, about as much as the router itself; this one spends
 * 0.05 to 0.1 ms.)
 *
 * <p>What is measured is the steady state of a long-running daemon: first an unreported warm-up, then at each rate an
 * unreported settling window (the server's JIT compiles the paths that larger batches take, and the pool grows to the
 * connections the rate needs; measured: the first seconds at a new rate are slower), then the measured window.
 *
 * <p>Usage: {@code WebhookLoad URL SECRET RATES SECONDS [LABEL]}, e.g.
 * {@code http://127.0.0.1:8080/webhooks/gw s3cret 500,1000,2000 10 router}. Prints one line per rate:
 * {@code label rate=.. sent=.. ok=.. errors=.. achieved=../s p50=..ms p99=..ms max=..ms held=yes|no
 * driver_cpu=..ms/request}, then the seconds of the window in which requests took over 100 ms, if any.
 * A rate is held when every request got 2xx, the answers kept up (achieved ≥ 95% of the rate) and p99 < 100 ms.
 * System properties: {@code webhook.warmup.seconds} (default 30) at {@code webhook.warmup.rate} (default 500) per
 * second, {@code webhook.settle.seconds} (default 10).
 */
public final class WebhookLoad {

    /** A rate is held with p99 under this; the slow seconds printed count the requests over it. */
    private static final long HELD_P99_MS = 100;
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String secret = args[1];
        int[] rates = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(args[3]);
        String label = args.length > 4 ? args[4] : "load";
        int warmup = Integer.getInteger("webhook.warmup.seconds", 30);
        int warmupRate = Integer.getInteger("webhook.warmup.rate", 500);
        int settle = Integer.getInteger("webhook.settle.seconds", 10);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        // as many connections as requests can be in flight: the server answers each one only once it is stored
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout(5_000).setIdleTimeout(60), new PoolOptions().setHttp1MaxSize(2_048)
                .setMaxWaitQueueSize(-1));
        Context context = vertx.getOrCreateContext();
        RequestOptions target = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost())
                .setPort(url.getPort()).setURI(url.getRawPath()).setTimeout(30_000)
                .putHeader("Content-Type", "application/json");
        int exit = 0;
        try {
            if (warmup > 0) {
                run(context, client, target, secret, warmupRate, warmup);
            }
            for (int rate : rates) {
                if (settle > 0) {
                    run(context, client, target, secret, rate, settle);
                }
                Result r = run(context, client, target, secret, rate, seconds);
                System.out.println(r.line(label));
                if (!r.slowSeconds().isEmpty()) {
                    System.out.println("  requests over 100 ms, by the second they were due: " + r.slowSeconds());
                }
                System.out.flush();
                if (!r.held() && r.p99Ms() > 1000) {
                    break; // far past saturation: higher rates only queue more
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit); // Vert.x's threads would keep the JVM alive
    }

    record Result(int rate, int sent, int ok, int errors, double achieved, double p50Ms, double p99Ms,
            double maxMs, double cpuMsPerRequest, String slowSeconds) {
        boolean held() {
            return errors == 0 && achieved >= rate * 0.95 && p99Ms < HELD_P99_MS;
        }

        String line(String label) {
            return String.format(Locale.ROOT, "%s rate=%d sent=%d ok=%d errors=%d achieved=%.0f/s p50=%.1fms "
                    + "p99=%.1fms max=%.1fms held=%s driver_cpu=%.3fms/request", label, rate, sent, ok, errors,
                    achieved, p50Ms, p99Ms, maxMs, held() ? "yes" : "no", cpuMsPerRequest);
        }
    }

    private static Result run(Context context, HttpClient client, RequestOptions target, String secret, int rate,
            int seconds) throws Exception {
        int total = rate * seconds;
        Buffer[] bodies = new Buffer[total];
        String[] signatures = new String[total];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (int i = 0; i < total; i++) {
            byte[] body = body(IDS.incrementAndGet());
            bodies[i] = Buffer.buffer(body);
            signatures[i] = HexFormat.of().formatHex(mac.doFinal(body));
        }
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long interval = 1_000_000_000L / rate;
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            RequestOptions options = new RequestOptions(target).putHeader("X-Signature", signatures[i]);
            // sent from the event loop, so that the body handler is in place before the response's end arrives
            // (composed futures from another thread left about 1 in 150 answers unread)
            context.runOnContext(v -> client.request(options)
                    .compose(request -> request.send(bodies[n]))
                    .compose(response -> response.body().map(b -> response.statusCode()))
                    .onComplete(result -> {
                        latencies[n] = System.nanoTime() - due;
                        if (result.succeeded() && result.result() / 100 == 2) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                        done.countDown();
                    }));
        }
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("answers still missing 120 s after the last request: " + done.getCount());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuBefore) / 1e6 / total;
        String slow = slowSeconds(latencies, interval, seconds);
        Arrays.sort(latencies);
        return new Result(rate, total, ok.get(), errors.get(), ok.get() / elapsed, pct(latencies, 0.50),
                pct(latencies, 0.99), latencies[total - 1] / 1e6, cpu, slow);
    }

    /** "3s:120 4s:80": how many requests due in each second of the window took over 100 ms; a stall shows here. */
    private static String slowSeconds(long[] latencies, long interval, int seconds) {
        int[] slow = new int[seconds + 1];
        for (int i = 0; i < latencies.length; i++) {
            if (latencies[i] > HELD_P99_MS * 1_000_000L) {
                slow[(int) Math.min(seconds, i * interval / 1_000_000_000L)]++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k <= seconds; k++) {
            if (slow[k] > 0) {
                sb.append(sb.isEmpty() ? "" : " ").append(k).append("s:").append(slow[k]);
            }
        }
        return sb.toString();
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One SMS from one of 20,000 customers, Chinese text, as a gateway would post it. */
    private static byte[] body(long id) {
        long customer = id % 20_000;
        return ("{\"id\":\"bench-" + id + "\",\"from\":\"+86139" + String.format(Locale.ROOT, "%08d", customer)
                + "\",\"to\":\"10690000\",\"text\":\"我昨天充值了200元但是余额没有变化，交易号" + id
                + "，请尽快处理\",\"timestamp\":" + (System.currentTimeMillis() / 1000) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
