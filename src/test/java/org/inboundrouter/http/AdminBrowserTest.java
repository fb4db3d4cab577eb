package org.inboundrouter.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 3 in a real browser: headless Chromium (Debian's, installed by {@code scripts/chromium/install.sh})
 * loads a page from another origin (another loopback port) that tries {@code fetch()} POSTs and PATCHes at the admin
 * API: text/plain and form bodies (no preflight), JSON with and without credentials, and JSON with a valid token
 * (which needs a preflight that no CORS header ever answers). Afterwards the store shows that nothing changed.
 * Without Chromium and without {@code CI} the test is skipped; with {@code CI} the script installs it.
 */
class AdminBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String KEY = "browser-test-hmac-key";

    @TempDir
    Path dir;

    private static void ensureChromium() throws Exception {
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank();
        if (!Files.isExecutable(CHROMIUM) && ci) {
            Process p = new ProcessBuilder("sh", Path.of("scripts/chromium/install.sh").toAbsolutePath().toString())
                    .inheritIO().start();
            assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("scripts/chromium/install.sh").isZero();
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed: run"
                + " scripts/chromium/install.sh as root, or set CI=1 to let the tests install it; skipping the"
                + " browser test of the admin API");
    }

    private static String page(int adminPort) {
        String api = "http://127.0.0.1:" + adminPort;
        return """
                <!doctype html><html><body><pre id="out"></pre><script>
                const api = '%s';
                const out = document.getElementById('out');
                const log = s => { out.textContent += s + '\\n'; };
                async function attempt(name, url, options) {
                  try {
                    const r = await fetch(url, options);
                    log(name + ': answered ' + r.status + ' ' + r.type);
                  } catch (e) {
                    log(name + ': blocked ' + e.name);
                  }
                }
                (async () => {
                  await attempt('text-plain retry-all', api + '/api/quarantine/retry-all',
                    {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: '{}'});
                  await attempt('form retry', api + '/api/quarantine/1/retry',
                    {method: 'POST', mode: 'no-cors', body: new URLSearchParams({a: 'b'})});
                  await attempt('text-plain credentials retry-all', api + '/api/quarantine/retry-all',
                    {method: 'POST', mode: 'no-cors', credentials: 'include', headers: {'Content-Type': 'text/plain'},
                     body: '{}'});
                  await attempt('json patch', api + '/api/tickets/1',
                    {method: 'PATCH', headers: {'Content-Type': 'application/json'}, body: '{"status":"closed"}'});
                  await attempt('json credentials patch', api + '/api/tickets/1',
                    {method: 'PATCH', credentials: 'include', headers: {'Content-Type': 'application/json'},
                     body: '{"status":"closed"}'});
                  await attempt('json retry-all', api + '/api/quarantine/retry-all',
                    {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'});
                  await attempt('json patch with a token', api + '/api/tickets/1',
                    {method: 'PATCH', headers: {'Content-Type': 'application/json',
                     'Authorization': 'Bearer %s'}, body: '{"status":"closed"}'});
                  log('DONE');
                })();
                </script></body></html>
                """.formatted(api, TestDaemon.OPERATE_TOKEN);
    }

    @Test
    void aPageFromAnotherOriginChangesNothingThroughTheAdminApi() throws Exception {
        ensureChromium();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        HttpServer attacker = null;
        try (TestDaemon daemon = TestDaemon.start(dir, Map.of("GW_KEY", KEY), Map.of("gw", """
                kind: sms-gateway
                auth: hmac
                secret: ${env:GW_KEY}
                """))) {
            byte[] body = Json.mapper().createObjectNode().put("id", "b1").put("from", "+8613800000055")
                    .put("text", "我昨天充值了500元但是显示充值失败").toString().getBytes(StandardCharsets.UTF_8);
            assertThat(daemon.post("/webhooks/gw", "application/json", Map.of("X-Signature",
                    Hmac.hex(Hmac.sha256(KEY, body))), body).statusCode()).isEqualTo(200);
            assertThat(daemon.awaitTickets(1).get(0).path("id").asLong()).isEqualTo(1);
            String ticketBefore = daemon.ticket(1).toString();
            String quarantineBefore = daemon.get("/api/quarantine?status=all").body();

            byte[] html = page(daemon.adminPort()).getBytes(StandardCharsets.UTF_8);
            attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            attacker.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, html.length);
                exchange.getResponseBody().write(html);
                exchange.close();
            });
            attacker.start();
            String url = "http://127.0.0.1:" + attacker.getAddress().getPort() + "/";

            Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
            Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--virtual-time-budget=15000", "--dump-dom", url)
                    .redirectError(dir.resolve("chromium.log").toFile()).start();
            String dom;
            try {
                dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
            } finally {
                chromium.destroyForcibly();
                chromium.waitFor(10, TimeUnit.SECONDS);
            }

            assertThat(dom).as("the page's script ran to the end").contains("DONE");
            for (String attempt : List.of("text-plain retry-all", "form retry", "text-plain credentials retry-all",
                    "json patch", "json credentials patch", "json retry-all", "json patch with a token")) {
                assertThat(dom).contains(attempt + ": ");
            }
            // what needs a preflight never gets past it: no CORS header says yes
            assertThat(dom).contains("json patch with a token: blocked TypeError");

            assertThat(daemon.ticket(1).toString()).isEqualTo(ticketBefore);
            assertThat(daemon.ticket(1).path("status").asText()).isEqualTo("open");
            assertThat(daemon.get("/api/quarantine?status=all").body()).isEqualTo(quarantineBefore);
            assertThat(logs.list).noneSatisfy(e -> assertThat(e.getLoggerName()).isEqualTo("inbound.audit"));
            // the simple requests did reach the admin listener, and were refused there
            assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.WARN
                    && e.getLoggerName().equals("inbound.admin")).map(ILoggingEvent::getFormattedMessage))
                    .anySatisfy(w -> assertThat(w).contains("401 for POST /api/quarantine/retry-all"));
        } finally {
            if (attacker != null) {
                attacker.stop(0);
            }
            root.detachAppender(logs);
        }
    }
}
