package org.inboundrouter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * packaging/grafana/inbound-router.json queries only metrics the daemon exports: every PromQL expression's metric
 * names, checked against a real /metrics scrape after messages have flowed (opened, appended, duplicated,
 * delivered after a failure, and one refused by the sink into the quarantine).
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("packaging/grafana/inbound-router.json");
    private static final String KEY = "gateway-hmac-key-grafana-1";
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "offset", "bool", "and", "or", "unless", "inf", "nan");
    /** Label lists ({@code by (le, channel)}), matchers ({@code {sink=~"$sink"}}), ranges, strings. */
    private static final Pattern NOT_NAMES = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\\{[^}]*}|\\[[^]]*]|\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][\\w:]*)\\s*,");

    @TempDir
    Path dir;
    private TestDaemon daemon;
    private HttpServer sink;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (sink != null) {
            sink.stop(0);
        }
    }

    /** The metric names an expression reads: not functions, keywords, labels, numbers or Grafana variables. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher lv = LABEL_VALUES.matcher(expr);
        if (lv.find()) {
            names.add(lv.group(1));
            return names;
        }
        Matcher m = IDENTIFIER.matcher(NOT_NAMES.matcher(expr).replaceAll(" "));
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Every expression in the dashboard: panels' targets (rows' nested panels too) and the template variables. */
    static List<String> expressions(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        for (int i = 0; i < panels.size(); i++) {
            panels.get(i).path("panels").forEach(panels::add);
            panels.get(i).path("targets").forEach(t -> out.add(t.path("expr").asText()));
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("type").asText().equals("query")) {
                JsonNode q = v.path("query");
                out.add(q.isTextual() ? q.asText() : q.path("query").asText());
            }
        }
        return out;
    }

    /** The sample names of a scrape: {@code inbound_x_bucket{...} 1.0} gives {@code inbound_x_bucket}. */
    static Set<String> scraped(String metrics) {
        Set<String> names = new TreeSet<>();
        for (String line : metrics.split("\n")) {
            Matcher m = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void theExpressionParserFindsMetricNamesOnly() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le, channel) "
                + "(rate(inbound_receipt_to_stored_seconds_bucket{channel=~\"$channel\"}[$__rate_interval])))"))
                .containsExactly("inbound_receipt_to_stored_seconds_bucket");
        assertThat(metricNames("time() - max by (channel) (inbound_channel_last_success_timestamp_seconds)"))
                .containsExactly("inbound_channel_last_success_timestamp_seconds");
        assertThat(metricNames("sum(rate(a_sum[5m])) / sum(rate(a_count[5m])) * 2 + b"))
                .containsExactly("a_count", "a_sum", "b");
        assertThat(metricNames("label_values(inbound_channel_up, channel)")).containsExactly("inbound_channel_up");
    }

    @Test
    void everyMetricTheDashboardQueriesIsInTheDaemonsMetrics() throws Exception {
        JsonNode dashboard = Json.mapper().readTree(Files.readString(DASHBOARD));
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36); // Grafana 10
        List<String> expressions = expressions(dashboard);
        assertThat(expressions).hasSizeGreaterThan(20).doesNotContain("");
        Set<String> queried = new TreeSet<>();
        expressions.forEach(e -> queried.addAll(metricNames(e)));
        assertThat(queried).allMatch(n -> n.startsWith("inbound_"), "inbound_ metrics only");
        // what ops asked to see: flow per channel and category, latency histograms, outbox lag, quarantine, breakers
        assertThat(queried).contains("inbound_messages_received_total", "inbound_messages_classified_total",
                "inbound_receipt_to_stored_seconds_bucket", "inbound_stored_to_delivered_seconds_bucket",
                "inbound_outbox_oldest_pending_age_seconds", "inbound_quarantine_open",
                "inbound_messages_quarantined_total", "inbound_delivery_breaker_state");

        Set<String> exported = scraped(flowSomeMessages());
        assertThat(queried).allSatisfy(name -> assertThat(exported).as("exported by /metrics").contains(name));
    }

    /** SMS in, tickets delivered to a webhook sink (one after a 503, one refused with 422), then a scrape. */
    private String flowSomeMessages() throws Exception {
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/hooks/tickets", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int n = requests.incrementAndGet();
                exchange.sendResponseHeaders(body.contains("8613700000000") ? 422 : n == 1 ? 503 : 200, -1);
            }
        });
        sink.start();
        Files.createDirectories(dir.resolve("config/sinks"));
        Files.writeString(dir.resolve("config/sinks/crm.yaml"), """
                kind: webhook
                url: http://127.0.0.1:%d/hooks/tickets
                secret: ${env:SINK_SECRET}
                pollInterval: 100ms
                retryBase: 100ms
                retryMax: 200ms
                """.formatted(sink.getAddress().getPort()));
        daemon = TestDaemon.start(dir, Map.of("GW_KEY", KEY, "SINK_SECRET", "sink-secret-0123456789abcdef"),
                Map.of("gw", "kind: sms-gateway\nauth: hmac\nsecret: ${env:GW_KEY}\n"));
        String first = "{\"id\":\"g-1\",\"from\":\"+8613912345678\",\"text\":\"我昨天充值了500元但是显示充值失败\"}";
        assertThat(sms(first)).isEqualTo(200);
        assertThat(sms("{\"id\":\"g-2\",\"from\":\"+8613912345678\",\"text\":\"还是没到账，请尽快处理\"}")).isEqualTo(200);
        assertThat(sms(first)).isEqualTo(200); // a duplicate
        assertThat(sms("{\"id\":\"g-3\",\"from\":\"+8613700000000\",\"text\":\"账户被盗了\"}")).isEqualTo(200);
        await(() -> {
            try {
                return Json.mapper().readTree(daemon.get("/api/quarantine?status=open").body()).size() == 1
                        && daemon.get("/metrics").body().contains("inbound_stored_to_delivered_seconds_count");
            } catch (Exception e) {
                return false;
            }
        });
        return daemon.get("/metrics").body();
    }

    private int sms(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return daemon.post("/webhooks/gw", "application/json",
                Map.of("X-Signature", Hmac.hex(Hmac.sha256(KEY, body))), body).statusCode();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
