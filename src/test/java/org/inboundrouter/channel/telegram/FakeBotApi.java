package org.inboundrouter.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.inboundrouter.model.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A Bot API server on 127.0.0.1 for one bot, as far as long polling goes (https://core.telegram.org/bots/api#getupdates):
 * {@code /bot<token>/getUpdates} with {@code offset}, {@code limit} and {@code timeout}. An update is kept until a call
 * with a higher offset confirms it, as Telegram does; with nothing to return the call is held up to {@code timeout}
 * seconds. A wrong token gets Telegram's 401; any other method a 404, and every request is recorded.
 */
final class FakeBotApi implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String token;
    private final List<JsonNode> pending = new ArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private long nextUpdateId = 725_000_001L;
    private int failuresToServe;

    private FakeBotApi(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    static FakeBotApi start(String token) throws IOException {
        return new FakeBotApi(token);
    }

    String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an Update with the next update_id around {@code field} (message, edited_message, channel_post...). */
    synchronized long offer(String field, JsonNode payload) {
        ObjectNode update = Json.mapper().createObjectNode();
        long id = nextUpdateId++;
        update.put("update_id", id);
        update.set(field, payload);
        pending.add(update);
        notifyAll();
        return id;
    }

    /** The next {@code n} getUpdates calls answer 502, as Telegram's front does during an outage. */
    synchronized void failNext(int n) {
        failuresToServe = n;
    }

    /** The updates not yet confirmed by an offset past them. */
    synchronized List<Long> unconfirmed() {
        return pending.stream().map(u -> u.get("update_id").asLong()).toList();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(exchange.getRequestMethod() + " " + path.replace(token, "<token>")
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix)) {
                answer(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            String method = path.substring(prefix.length());
            if (!method.equals("getUpdates")) {
                answer(exchange, 404, error(404, "Not Found"));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            synchronized (this) {
                if (failuresToServe > 0) {
                    failuresToServe--;
                    answer(exchange, 502, "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            answer(exchange, 200, getUpdates(query));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized byte[] getUpdates(Map<String, String> query) throws InterruptedException, IOException {
        if (query.containsKey("offset")) {
            long offset = Long.parseLong(query.get("offset"));
            // "An update is considered confirmed as soon as getUpdates is called with an offset higher than its update_id"
            pending.removeIf(u -> u.get("update_id").asLong() < offset);
        }
        int limit = query.containsKey("limit") ? Math.max(1, Math.min(100, Integer.parseInt(query.get("limit")))) : 100;
        long timeout = query.containsKey("timeout") ? Long.parseLong(query.get("timeout")) : 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        while (pending.isEmpty() && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("ok", true);
        ArrayNode result = answer.putArray("result");
        pending.stream().limit(limit).forEach(result::add);
        return Json.mapper().writeValueAsBytes(answer);
    }

    private static byte[] error(int code, String description) {
        return ("{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", body.length > 0 && body[0] == '<' ? "text/html" : "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        synchronized (this) {
            notifyAll();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
