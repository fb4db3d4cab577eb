package org.inboundrouter.channel.x;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * X's v1.1 DM events list on a loopback port, as far as the DM poller uses it: {@code GET
 * /1.1/direct_messages/events/list.json?count=&cursor=}, newest first, paged by {@code next_cursor}, and OAuth 1.0a
 * checked the way X checks it (HMAC-SHA1 over the signature base string, keyed with both secrets); a request that does
 * not verify gets X's 401 "Could not authenticate you." (code 32).
 * https://developer.x.com/en/docs/twitter-api/v1/direct-messages/sending-and-receiving/api-reference/list-events
 */
final class FakeXApi implements AutoCloseable {

    record Request(String query, Map<String, String> oauth, boolean signatureValid) {
    }

    private static final Pattern OAUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpServer server;
    private final String consumerSecret;
    private final String tokenSecret;
    /** Event JSON objects, newest first, as X lists them. */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int pageSize = 50;
    private volatile int failuresToServe;

    FakeXApi(String consumerSecret, String tokenSecret) throws IOException {
        this.consumerSecret = consumerSecret;
        this.tokenSecret = tokenSecret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/1.1/direct_messages/events/list.json", this::list);
        server.createContext("/", e -> respond(e, 404, "{\"errors\":[{\"code\":34,"
                + "\"message\":\"Sorry, that page does not exist.\"}]}"));
        server.start();
    }

    String restBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/1.1/";
    }

    /** Adds a DM as the newest one. */
    void add(String eventJson) {
        events.add(0, eventJson);
    }

    void pageSize(int size) {
        pageSize = size;
    }

    /** The next {@code n} list requests get X's 503 "Over capacity". */
    void failNext(int n) {
        failuresToServe = n;
    }

    List<Request> requests() {
        return requests;
    }

    private void list(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = decode(query);
        Map<String, String> oauth = oauthHeader(exchange.getRequestHeaders().getFirst("Authorization"));
        String url = "http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getRawPath();
        boolean valid = verify(exchange.getRequestMethod(), url, params, oauth);
        requests.add(new Request(query, oauth, valid));
        if (!valid) {
            respond(exchange, 401, "{\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]}");
            return;
        }
        if (failuresToServe > 0) {
            failuresToServe--;
            respond(exchange, 503, "{\"errors\":[{\"code\":130,\"message\":\"Over capacity\"}]}");
            return;
        }
        int count = Integer.parseInt(params.getOrDefault("count", "20"));
        int size = Math.min(count, pageSize);
        int from = params.containsKey("cursor") ? Integer.parseInt(params.get("cursor")) : 0;
        List<String> snapshot = new ArrayList<>(events);
        int to = Math.min(snapshot.size(), from + size);
        String page = from >= snapshot.size() ? "" : String.join(",", snapshot.subList(from, to));
        // X sets next_cursor only while there are older events to page to
        String next = to < snapshot.size() ? "\"next_cursor\":\"" + to + "\"," : "";
        respond(exchange, 200, "{" + next + "\"events\":[" + page + "],"
                + "\"apps\":{\"268278\":{\"id\":\"268278\",\"name\":\"Twitter Web Client\",\"url\":\"http://twitter.com\"}}}");
    }

    private boolean verify(String method, String url, Map<String, String> query, Map<String, String> oauth) {
        String given = oauth.get("oauth_signature");
        if (given == null || !"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))) {
            return false;
        }
        TreeMap<String, String> all = new TreeMap<>(query);
        oauth.forEach((k, v) -> {
            if (!k.equals("oauth_signature") && !k.equals("realm")) {
                all.put(k, v);
            }
        });
        String normalized = all.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String base = method.toUpperCase() + "&" + encode(url) + "&" + encode(normalized);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((encode(consumerSecret) + "&" + encode(tokenSecret))
                    .getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
            return expected.equals(given);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> oauthHeader(String header) {
        Map<String, String> params = new TreeMap<>();
        if (header == null || !header.startsWith("OAuth ")) {
            return params;
        }
        Matcher m = OAUTH_PARAM.matcher(header.substring(6));
        while (m.find()) {
            params.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static Map<String, String> decode(String query) {
        Map<String, String> params = new TreeMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** RFC 3986 percent-encoding, as OAuth 1.0a requires. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.getResponseHeaders().set("x-rate-limit-limit", "15");
        exchange.getResponseHeaders().set("x-rate-limit-remaining", "14");
        exchange.getResponseHeaders().set("x-rate-limit-reset", Long.toString(System.currentTimeMillis() / 1000 + 900));
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
