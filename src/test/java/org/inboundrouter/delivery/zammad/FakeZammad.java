package org.inboundrouter.delivery.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.inboundrouter.model.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zammad's REST API as docs.zammad.org describes it, for the endpoints the sink uses: tickets (create, search), ticket
 * articles (create, by_ticket), tags (list, add), users (search, create). Token and basic auth; errors as Zammad
 * renders them ({@code {"error": ..., "error_human": ...}}, 422 for invalid input, 404 for a missing record). It can
 * be told to fail the next request, to stall before handling it, or to handle it and then answer too late.
 */
final class FakeZammad implements AutoCloseable {

    static final String TOKEN = "fake-zammad-token-0123456789";
    static final String USER = "agent@example.com";
    static final String PASSWORD = "agent-password";
    static final Set<String> GROUPS = Set.of("Users", "Support");
    private static final Set<String> ARTICLE_TYPES = Set.of("email", "phone", "web", "note", "sms", "chat", "fax",
            "telegram personal-message");
    private static final Set<String> SENDERS = Set.of("Agent", "Customer", "System");
    private static final Pattern FIELD_QUERY = Pattern.compile("([a-z_.]+):\"?([^\"\\s]+)\"?");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    enum Fault { FAIL, STALL, ANSWER_LATE }

    /** @param route {@code "POST /api/v1/tickets"}, or null for whatever request comes next */
    private record Injected(Fault fault, int status, String route) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedDeque<Injected> faults = new ConcurrentLinkedDeque<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final long stallMillis;

    private final Map<Long, ObjectNode> tickets = new TreeMap<>();
    private final Map<Long, Set<String>> tags = new TreeMap<>();
    private final Map<Long, ObjectNode> articles = new TreeMap<>();
    private final Map<Long, ObjectNode> users = new TreeMap<>();
    private long nextTicket = 1;
    private long nextArticle = 1;
    private long nextUser = 10;

    FakeZammad(long stallMillis) throws IOException {
        this.stallMillis = stallMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void failNext(int status) {
        faults.add(new Injected(Fault.FAIL, status, null));
    }

    /** Waits before handling the next request: the client times out, and the request is still carried out. */
    void stallNext() {
        faults.add(new Injected(Fault.STALL, 0, null));
    }

    /** Handles the next {@code route} request, then answers only after the client has given up: the answer is lost. */
    void answerLate(String route) {
        faults.add(new Injected(Fault.ANSWER_LATE, 0, route));
    }

    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    synchronized List<ObjectNode> tickets() {
        return List.copyOf(tickets.values());
    }

    synchronized Set<String> tagsOf(long ticketId) {
        return Set.copyOf(tags.getOrDefault(ticketId, Set.of()));
    }

    synchronized List<ObjectNode> articlesOf(long ticketId) {
        return articles.values().stream().filter(a -> a.path("ticket_id").asLong() == ticketId).toList();
    }

    synchronized ObjectNode user(long id) {
        return users.get(id);
    }

    synchronized List<ObjectNode> users() {
        return List.copyOf(users.values());
    }

    /** Tags a ticket the way an agent would in the UI, for tests that need a near namesake of our marker. */
    synchronized long createTicketByHand(String title, String... tagNames) {
        ObjectNode t = ticket(title, 1, 2, 1);
        tags.put(t.path("id").asLong(), new LinkedHashSet<>(List.of(tagNames)));
        return t.path("id").asLong();
    }

    /** Replaces a ticket's tags the way an agent would in the UI (recategorising it, say). */
    synchronized void retagByHand(long ticketId, String... tagNames) {
        tags.put(ticketId, new LinkedHashSet<>(List.of(tagNames)));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            Injected fault = takeFault(method + " " + path);
            if (fault != null && fault.fault() == Fault.STALL && !sleep()) {
                return;
            }
            if (fault != null && fault.fault() == Fault.FAIL) {
                respond(exchange, fault.status(), error("injected failure"));
                return;
            }
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // Zammad's answer to a bad token: 401 with the reason also in X-Failure
                exchange.getResponseHeaders().add("X-Failure", "Authentication failed");
                respond(exchange, 401, error("Authentication failed"));
                return;
            }
            Answer answer;
            try {
                answer = route(method, path, query(exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestBody().readAllBytes());
            } catch (Invalid e) {
                answer = new Answer(e.status, error(e.getMessage()));
            }
            if (fault != null && fault.fault() == Fault.ANSWER_LATE && !sleep()) {
                return;
            }
            respond(exchange, answer.status, answer.body);
        }
    }

    private Injected takeFault(String route) {
        for (Injected f : faults) {
            if ((f.route() == null || f.route().equals(route)) && faults.remove(f)) {
                return f;
            }
        }
        return null;
    }

    private boolean sleep() {
        try {
            Thread.sleep(stallMillis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        if (header.equals("Token token=" + TOKEN)) {
            return true;
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return header.equals(basic);
    }

    private record Answer(int status, JsonNode body) {
    }

    private static final class Invalid extends Exception {
        final int status;

        Invalid(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private synchronized Answer route(String method, String path, Map<String, String> query, byte[] body)
            throws Invalid {
        String route = method + " " + path;
        if (route.equals("POST /api/v1/tickets")) {
            return new Answer(201, createTicket(json(body)));
        }
        if (route.equals("GET /api/v1/tickets/search")) {
            return new Answer(200, searchTickets(query));
        }
        if (route.equals("GET /api/v1/tags")) {
            ObjectNode answer = Json.mapper().createObjectNode();
            ArrayNode list = answer.putArray("tags");
            existingTicket(longParam(query.get("o_id")));
            tags.getOrDefault(longParam(query.get("o_id")), Set.of()).forEach(list::add);
            return new Answer(200, answer);
        }
        if (route.equals("POST /api/v1/tags/add")) {
            JsonNode req = json(body);
            existingTicket(req.path("o_id").asLong());
            tags.computeIfAbsent(req.path("o_id").asLong(), k -> new LinkedHashSet<>()).add(req.path("item").asText());
            return new Answer(201, Json.mapper().getNodeFactory().booleanNode(true));
        }
        if (route.equals("POST /api/v1/ticket_articles")) {
            JsonNode req = json(body);
            if (!req.path("ticket_id").canConvertToLong()) {
                throw new Invalid(422, "Need ticket_id!");
            }
            ObjectNode ticket = existingTicket(req.path("ticket_id").asLong());
            ObjectNode article = article(ticket.path("id").asLong(), req);
            ((ArrayNode) ticket.path("article_ids")).add(article.path("id").asLong());
            return new Answer(201, article);
        }
        if (method.equals("GET") && path.startsWith("/api/v1/ticket_articles/by_ticket/")) {
            long id = longParam(path.substring(path.lastIndexOf('/') + 1));
            existingTicket(id);
            ArrayNode list = Json.mapper().createArrayNode();
            articlesOf(id).forEach(list::add);
            return new Answer(200, list);
        }
        if (route.equals("GET /api/v1/users/search")) {
            return new Answer(200, searchUsers(query));
        }
        if (route.equals("POST /api/v1/users")) {
            return new Answer(201, createUser(json(body)));
        }
        throw new Invalid(404, "No route matches [" + method + "] " + path);
    }

    private ObjectNode createTicket(JsonNode req) throws Invalid {
        String title = req.path("title").asText("");
        if (title.isBlank()) {
            throw new Invalid(422, "Title can't be blank");
        }
        if (!req.hasNonNull("group") && !req.hasNonNull("group_id")) {
            throw new Invalid(422, "Group can't be blank");
        }
        String group = req.path("group").asText();
        if (!GROUPS.contains(group)) {
            throw new Invalid(422, "No lookup value found for 'group': \"" + group + "\"");
        }
        long customerId = customer(req.path("customer_id"));
        int priority = req.path("priority_id").asInt(2);
        if (priority < 1 || priority > 3) {
            throw new Invalid(422, "No lookup value found for 'priority_id': " + req.path("priority_id"));
        }
        JsonNode article = req.path("article");
        if (!article.isMissingNode()) {
            validateArticle(article);
        }
        ObjectNode ticket = ticket(title, List.copyOf(GROUPS).indexOf(group) + 1, priority, customerId);
        long id = ticket.path("id").asLong();
        Set<String> list = new LinkedHashSet<>();
        // as Zammad's TicketsController: the tags field split at commas, each added
        for (String tag : req.path("tags").asText("").split(",")) {
            if (!tag.strip().isEmpty()) {
                list.add(tag.strip());
            }
        }
        tags.put(id, list);
        if (!article.isMissingNode()) {
            ObjectNode a = article(id, article);
            ((ArrayNode) ticket.path("article_ids")).add(a.path("id").asLong());
        }
        return ticket;
    }

    private ObjectNode ticket(String title, int groupId, int priority, long customerId) {
        long id = nextTicket++;
        ObjectNode t = Json.mapper().createObjectNode();
        t.put("id", id);
        t.put("group_id", groupId);
        t.put("priority_id", priority);
        t.put("state_id", 1);
        t.put("number", Long.toString(31000 + id));
        t.put("title", title);
        t.put("owner_id", 1);
        t.put("customer_id", customerId);
        t.put("created_at", Instant.now().toString());
        t.putArray("article_ids");
        tickets.put(id, t);
        return t;
    }

    private long customer(JsonNode value) throws Invalid {
        if (value.isMissingNode() || value.isNull()) {
            throw new Invalid(422, "Customer can't be blank");
        }
        if (value.isTextual() && value.asText().startsWith("guess:")) {
            String email = value.asText().substring("guess:".length());
            if (!EMAIL.matcher(email).matches()) {
                throw new Invalid(422, "Invalid email '" + email + "' of customer");
            }
            for (ObjectNode u : users.values()) {
                if (u.path("email").asText().equals(email.toLowerCase(Locale.ROOT))) {
                    return u.path("id").asLong();
                }
            }
            ObjectNode u = Json.mapper().createObjectNode();
            u.put("email", email.toLowerCase(Locale.ROOT));
            return createUser(u).path("id").asLong();
        }
        if (!value.canConvertToLong() || !users.containsKey(value.asLong())) {
            throw new Invalid(422, "No lookup value found for 'customer_id': " + value);
        }
        return value.asLong();
    }

    private void validateArticle(JsonNode article) throws Invalid {
        if (article.path("body").asText("").isEmpty()) {
            throw new Invalid(422, "Need at least article: { body: \"some text\" }");
        }
        if (article.has("type") && !ARTICLE_TYPES.contains(article.path("type").asText())) {
            throw new Invalid(422, "No lookup value found for 'type': \"" + article.path("type").asText() + "\"");
        }
        if (article.has("sender") && !SENDERS.contains(article.path("sender").asText())) {
            throw new Invalid(422, "No lookup value found for 'sender': \"" + article.path("sender").asText() + "\"");
        }
    }

    private ObjectNode article(long ticketId, JsonNode req) throws Invalid {
        validateArticle(req);
        ObjectNode a = Json.mapper().createObjectNode();
        a.put("id", nextArticle++);
        a.put("ticket_id", ticketId);
        for (String field : List.of("from", "subject", "message_id", "body")) {
            a.set(field, req.hasNonNull(field) ? req.get(field) : Json.mapper().nullNode());
        }
        a.put("content_type", req.path("content_type").asText("text/html"));
        a.put("internal", req.path("internal").asBoolean(false));
        a.put("type", req.path("type").asText("note"));
        // an agent's token creates agent articles unless the sender is given
        a.put("sender", req.path("sender").asText("Agent"));
        a.putArray("attachments");
        articles.put(a.path("id").asLong(), a);
        return a;
    }

    private JsonNode searchTickets(Map<String, String> query) {
        String tag = null;
        Matcher m = FIELD_QUERY.matcher(query.getOrDefault("query", ""));
        while (m.find()) {
            if (m.group(1).equals("tags")) {
                tag = m.group(2);
            }
        }
        List<ObjectNode> found = new ArrayList<>();
        for (Map.Entry<Long, Set<String>> e : tags.entrySet()) {
            // looser than the search index on purpose (a substring is enough), so the sink must check what it gets
            String wanted = tag;
            if (wanted != null && e.getValue().stream().anyMatch(t -> t.contains(wanted))) {
                found.add(tickets.get(e.getKey()));
            }
        }
        if ("true".equals(query.get("expand"))) {
            ArrayNode list = Json.mapper().createArrayNode();
            found.forEach(list::add);
            return list;
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        ArrayNode ids = answer.putArray("tickets");
        found.forEach(t -> ids.add(t.path("id").asLong()));
        answer.put("tickets_count", found.size());
        answer.putObject("assets");
        return answer;
    }

    private JsonNode searchUsers(Map<String, String> query) {
        Map<String, String> wanted = new LinkedHashMap<>();
        Matcher m = FIELD_QUERY.matcher(query.getOrDefault("query", ""));
        while (m.find()) {
            wanted.put(m.group(1), m.group(2));
        }
        ArrayNode list = Json.mapper().createArrayNode();
        for (ObjectNode u : users.values()) {
            boolean hit = wanted.entrySet().stream().anyMatch(w -> !w.getValue().isEmpty()
                    && u.path(w.getKey()).asText("").toLowerCase(Locale.ROOT)
                    .contains(w.getValue().toLowerCase(Locale.ROOT)));
            if (hit) {
                list.add(u);
            }
        }
        return list;
    }

    private ObjectNode createUser(JsonNode req) throws Invalid {
        boolean identified = false;
        for (String field : List.of("firstname", "lastname", "email", "phone", "mobile")) {
            identified |= !req.path(field).asText("").isBlank();
        }
        if (!identified) {
            throw new Invalid(422, "At least one identifier (firstname, lastname, phone, mobile or email) for user "
                    + "is required.");
        }
        ObjectNode u = Json.mapper().createObjectNode();
        u.put("id", nextUser++);
        for (String field : List.of("firstname", "lastname", "email", "phone", "mobile", "note")) {
            u.put(field, req.path(field).asText(""));
        }
        String login = req.path("login").asText(req.path("email").asText("")).toLowerCase(Locale.ROOT);
        if (login.isEmpty()) {
            login = "auto-" + u.path("id").asLong();
        }
        // as Zammad: a login already taken gets a number appended, it is not refused
        String base = login;
        for (int n = 1; loginTaken(login); n++) {
            login = base + n;
        }
        u.put("login", login);
        u.putArray("role_ids").add(3);
        users.put(u.path("id").asLong(), u);
        return u;
    }

    private boolean loginTaken(String login) {
        return users.values().stream().anyMatch(u -> u.path("login").asText().equals(login));
    }

    private ObjectNode existingTicket(long id) throws Invalid {
        ObjectNode t = tickets.get(id);
        if (t == null) {
            throw new Invalid(404, "Couldn't find Ticket with 'id'=" + id);
        }
        return t;
    }

    private static long longParam(String value) throws Invalid {
        try {
            return Long.parseLong(value == null ? "" : value);
        } catch (NumberFormatException e) {
            throw new Invalid(422, "invalid id " + value);
        }
    }

    private static JsonNode json(byte[] body) throws Invalid {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new Invalid(422, "invalid JSON");
        }
    }

    private static ObjectNode error(String message) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("error", message);
        e.put("error_human", message);
        return e;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            // the client gave up waiting: exactly the lost answer this fake is asked to produce
        }
    }
}
