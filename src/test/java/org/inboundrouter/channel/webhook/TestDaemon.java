package org.inboundrouter.channel.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.Daemon;
import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.model.Json;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The whole daemon for channel tests, as a user runs it: a config directory with channel files, secrets from a given
 * environment, the built-in taxonomy, the embedded store, the HTTP server on a free loopback port. Tests drive it from
 * outside (HTTP, SMPP, ...) and read the result through the HTTP API.
 *
 * <pre>{@code
 * try (TestDaemon d = TestDaemon.start(dir, Map.of("TOKEN", "s3cret"), Map.of("sms", "kind: twilio-sms\n..."))) {
 *     HttpResponse<String> r = d.post("/webhooks/sms", "application/x-www-form-urlencoded", Map.of(...), body);
 *     JsonNode tickets = d.awaitTickets(1);
 * }
 * }</pre>
 */
public final class TestDaemon implements AutoCloseable {

    /** A token with role operate in every test daemon's tokens file, named {@value #OPERATE_NAME}. */
    public static final String OPERATE_TOKEN = "test-operate-token-0123456789abcdefghijklmnopq";
    public static final String OPERATE_NAME = "test-operator";
    /** A token with role read, named {@value #READ_NAME}. */
    public static final String READ_TOKEN = "test-read-token-0123456789abcdefghijklmnopqrstu";
    public static final String READ_NAME = "test-reader";

    private final Daemon daemon;
    private final int port;
    private final int adminPort;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestDaemon(Daemon daemon, int port, int adminPort, Path dir) {
        this.daemon = daemon;
        this.port = port;
        this.adminPort = adminPort;
        this.dir = dir;
    }

    /** Writes {@code channels} (file name without .yaml → content) into {@code dir}/config/channels and starts. */
    public static TestDaemon start(Path dir, Map<String, String> environment, Map<String, String> channels)
            throws Exception {
        return start(dir, environment, channels, "");
    }

    /** As {@link #start(Path, Map, Map)}, with extra lines for application.properties. */
    public static TestDaemon start(Path dir, Map<String, String> environment, Map<String, String> channels,
            String properties) throws Exception {
        return start(dir, environment, channels, properties, Map.of());
    }

    /** As {@link #start(Path, Map, Map, String)}, with more operate tokens (name to token) in the tokens file. */
    public static TestDaemon start(Path dir, Map<String, String> environment, Map<String, String> channels,
            String properties, Map<String, String> operateTokens) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config/channels"));
        for (Map.Entry<String, String> channel : channels.entrySet()) {
            Files.writeString(config.resolve(channel.getKey() + ".yaml"), channel.getValue());
        }
        Files.writeString(dir.resolve("config/application.properties"),
                "inbound.classifier.taxonomy=" + dir.resolve("no-taxonomy-file.yaml").toString().replace('\\', '/')
                        + "\n" + properties);
        Files.writeString(dir.resolve("config/admin-tokens"), OPERATE_NAME + " operate "
                + org.inboundrouter.http.AdminTokens.hashOf(OPERATE_TOKEN) + "\n" + READ_NAME + " read "
                + org.inboundrouter.http.AdminTokens.hashOf(READ_TOKEN) + "\n");
        for (Map.Entry<String, String> t : operateTokens.entrySet()) {
            Files.writeString(dir.resolve("config/admin-tokens"), t.getKey() + " operate "
                    + org.inboundrouter.http.AdminTokens.hashOf(t.getValue()) + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        // both ports at once: two free ports asked for one after the other can be the same one, and two Vert.x
        // servers on one port share its connections (an /api request would reach the public listener)
        int port;
        int adminPort;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            port = a.getLocalPort();
            adminPort = b.getLocalPort();
        }
        Secrets secrets = new Secrets(environment);
        AppSettings settings = AppSettings.load(dir.resolve("config"), secrets)
                .withDataDir(dir.resolve("data")).withHttpPort(port).withAdminPort(adminPort)
                .withLocalMailServer(false);
        Daemon daemon = new Daemon(settings, new ChannelFiles(secrets).load(settings.channelsDir()),
                new org.inboundrouter.delivery.SinkFiles(secrets).load(settings.sinksDir()), secrets);
        try {
            daemon.start();
        } catch (Exception | Error e) {
            // a half-started daemon keeps threads and ports: stop it so the next test starts clean
            try {
                daemon.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        return new TestDaemon(daemon, port, adminPort, dir);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The public listener's port (webhooks). */
    public int port() {
        return port;
    }

    /** The admin listener's port (API, health, metrics). */
    public int adminPort() {
        return adminPort;
    }

    /** {@code /webhooks/...} on the public listener, anything else on the admin listener. */
    public String url(String path) {
        return "http://127.0.0.1:" + (path.startsWith("/webhooks/") ? port : adminPort) + path;
    }

    /** A file holding the operate token, for the CLI's --token-file. */
    public Path operateTokenFile() throws IOException {
        Path f = dir.resolve("operate.token");
        Files.writeString(f, OPERATE_TOKEN + "\n");
        return f;
    }

    /** The admin listener's requests carry the operate token unless they name their own Authorization. */
    private HttpRequest.Builder authorized(HttpRequest.Builder request, String path, Map<String, String> headers) {
        if (!path.startsWith("/webhooks/") && headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            request.header("Authorization", "Bearer " + OPERATE_TOKEN);
        }
        return request;
    }

    public HttpResponse<String> post(String path, String contentType, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        authorized(request, path, headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> post(String path, String contentType, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        return post(path, contentType, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> patch(String path, String json) throws IOException, InterruptedException {
        return http.send(authorized(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), path, Map.of()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** {@code pathAndQuery} is sent as written: encode the query yourself. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(authorized(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).timeout(Duration.ofSeconds(20))
                .GET(), pathAndQuery, Map.of()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A GET with the given headers only (no token unless they carry one). */
    public HttpResponse<String> get(String pathAndQuery, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .timeout(Duration.ofSeconds(20)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Any request with the given headers only (no token unless they carry one). */
    public HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** {@code GET /api/tickets}: the ticket list, newest first. */
    public JsonNode tickets() throws Exception {
        return Json.mapper().readTree(get("/api/tickets").body());
    }

    /** {@code GET /api/tickets/{id}}: one ticket with its messages. */
    public JsonNode ticket(long id) throws Exception {
        return Json.mapper().readTree(get("/api/tickets/" + id).body());
    }

    /** Waits up to 15 s until the ticket list satisfies {@code condition}; returns the list. */
    public JsonNode awaitTickets(Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode tickets = tickets();
        while (!condition.test(tickets) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            tickets = tickets();
        }
        return tickets;
    }

    /** Waits until there are at least {@code count} tickets. */
    public JsonNode awaitTickets(int count) throws Exception {
        return awaitTickets(t -> t.size() >= count);
    }

    @Override
    public void close() throws Exception {
        daemon.stop();
    }
}
