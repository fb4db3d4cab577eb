package org.inboundrouter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.inboundrouter.model.Json;
import org.inboundrouter.pipeline.QuarantineRetry;
import org.inboundrouter.store.Corrections;
import org.inboundrouter.store.Database;
import org.inboundrouter.store.TicketQueries;
import org.inboundrouter.store.TicketQueries.StoredContent;
import org.inboundrouter.store.TicketQueries.TicketFilter;
import org.inboundrouter.ticket.TicketStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP API on the daemon's HTTP server (camel-platform-http):
 * <ul>
 *   <li>{@code GET /api/tickets?category=&channel=&status=&limit=&offset=} newest first</li>
 *   <li>{@code GET /api/tickets/{id}} the ticket with its messages; {@code PATCH} with {@code {"status": "closed"}}
 *   sets its status, with {@code {"category": "refund"}} corrects its category (recorded as a correction)</li>
 *   <li>{@code GET /api/corrections?since=&limit=} the corrections as labelled examples, CSV {@code text,category};
 *   {@code format=json} the full rows</li>
 *   <li>{@code GET /api/suppressed} machine mail that opened no ticket</li>
 *   <li>{@code GET /api/quarantine?status=open}, {@code GET /api/quarantine/{id}} what could not be parsed, stored
 *   or delivered; {@code POST /api/quarantine/{id}/retry}, {@code POST /api/quarantine/retry-all}</li>
 *   <li>{@code GET /api/attachments/{sha256}}, {@code GET /api/raw/{sha256}} stored bytes</li>
 *   <li>{@code GET /health}, {@code /health/live}, {@code /health/ready}</li>
 *   <li>{@code GET /metrics} in Prometheus text format</li>
 * </ul>
 */
public final class ApiRoutes extends RouteBuilder {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final TicketQueries queries;
    private final Database database;
    private final QuarantineRetry retry;
    private final Corrections corrections;

    /** The header platform-http gives the request's authenticated user in (the admin listener's token). */
    static final String USER_HEADER = "CamelVertxPlatformHttpAuthenticatedUser";

    /** One line per change made through the API: who, what, which ids. */
    private static final org.slf4j.Logger AUDIT = org.slf4j.LoggerFactory.getLogger("inbound.audit");

    public ApiRoutes(TicketQueries queries, Database database, QuarantineRetry retry, Corrections corrections) {
        this.queries = queries;
        this.database = database;
        this.retry = retry;
        this.corrections = corrections;
    }

    @Override
    public void configure() {
        // a HealthCheck bean is picked up by whichever health-check registry Camel Main sets up
        getContext().getRegistry().bind("store-health-check", new StoreHealthCheck(database));
        HealthEndpoint health = new HealthEndpoint();

        onException(BadRequest.class).handled(true)
                .process(e -> error(e, 400, e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()));
        onException(Exception.class).handled(true)
                .log("API request failed: ${exception}")
                .process(e -> error(e, 500, "internal error; see the daemon's log"));

        from("platform-http:/api/tickets?httpMethodRestrict=GET").routeId("api-tickets")
                .process(this::listTickets);
        from("platform-http:/api/tickets/{id}?httpMethodRestrict=GET,PATCH").routeId("api-ticket")
                .choice()
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("PATCH")).process(this::patchTicket)
                    .otherwise().process(this::getTicket);
        from("platform-http:/api/corrections?httpMethodRestrict=GET").routeId("api-corrections")
                .process(this::exportCorrections);
        from("platform-http:/api/suppressed?httpMethodRestrict=GET").routeId("api-suppressed")
                .process(e -> json(e, 200, queries.suppressed(limit(e))));
        from("platform-http:/api/quarantine?httpMethodRestrict=GET").routeId("api-quarantine")
                .process(e -> json(e, 200, queries.quarantine(quarantineStatus(e), limit(e))));
        from("platform-http:/api/quarantine/{id}?httpMethodRestrict=GET").routeId("api-quarantine-entry")
                .process(e -> found(e, queries.quarantineEntry(id(e, "id")), "no quarantine entry"));
        from("platform-http:/api/quarantine/{id}/retry?httpMethodRestrict=POST").routeId("api-quarantine-retry")
                .process(this::retryOne);
        from("platform-http:/api/quarantine/retry-all?httpMethodRestrict=POST").routeId("api-quarantine-retry-all")
                .process(this::retryAll);
        from("platform-http:/api/attachments/{sha256}?httpMethodRestrict=GET").routeId("api-attachment")
                .process(e -> bytes(e, queries.attachment(sha256(e))));
        from("platform-http:/api/raw/{sha256}?httpMethodRestrict=GET").routeId("api-raw")
                .process(e -> bytes(e, queries.raw(sha256(e))));
        from("platform-http:/health?httpMethodRestrict=GET").routeId("health")
                .process(e -> health.respond(e, HealthEndpoint.Scope.ALL));
        from("platform-http:/health/live?httpMethodRestrict=GET").routeId("health-live")
                .process(e -> health.respond(e, HealthEndpoint.Scope.LIVENESS));
        from("platform-http:/health/ready?httpMethodRestrict=GET").routeId("health-ready")
                .process(e -> health.respond(e, HealthEndpoint.Scope.READINESS));
        from("platform-http:/metrics?httpMethodRestrict=GET").routeId("metrics").process(MetricsEndpoint::respond);
    }

    private void retryOne(Exchange e) throws Exception {
        long id = id(e, "id");
        String actor = actor(e);
        var result = retry.retry(id);
        if (result.isPresent()) {
            audit(actor, "quarantine.retry", "quarantine " + id, result.get().status());
        }
        found(e, result, "no quarantine entry");
    }

    private void retryAll(Exchange e) throws Exception {
        String actor = actor(e);
        var results = retry.retryAll();
        java.util.List<String> ids = results.stream().map(r -> Long.toString(r.id())).toList();
        audit(actor, "quarantine.retry-all", "quarantine " + (ids.isEmpty() ? "(none open)" : String.join(",", ids)),
                ids.size() + " retried");
        json(e, 200, results);
    }

    private static void audit(String actor, String action, String ids, String detail) {
        AUDIT.info("audit: {} {} {}: {}", actor, action, ids, detail);
    }

    private void listTickets(Exchange e) throws Exception {
        TicketFilter filter = new TicketFilter(param(e, "category"), param(e, "channel"), ticketStatus(e));
        int offset = intParam(e, "offset", 0, 0, Integer.MAX_VALUE);
        json(e, 200, queries.list(filter, limit(e), offset));
    }

    private void getTicket(Exchange e) throws Exception {
        long id = ticketId(e);
        var ticket = queries.find(id);
        if (ticket.isPresent()) {
            json(e, 200, ticket.get());
        } else {
            error(e, 404, "no ticket " + id);
        }
    }

    /**
     * {@code PATCH /api/tickets/{id}} with {@code {"status": "closed"}} (or open, pending), {@code {"category": "refund"}}
     * (a category of the live taxonomy: an agent's correction, recorded as a label), or both. Everything is checked
     * before anything changes.
     */
    private void patchTicket(Exchange e) throws Exception {
        long id = ticketId(e);
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = Json.mapper().readTree(e.getMessage().getBody(byte[].class));
        } catch (java.io.IOException | IllegalArgumentException ex) {
            throw new BadRequest("expected a JSON object such as {\"status\": \"closed\"}");
        }
        if (body == null || !body.isObject() || (body.get("status") == null && body.get("category") == null)) {
            throw new BadRequest("expected a JSON object with \"status\" (open, pending or closed) and/or"
                    + " \"category\" (a category id), such as {\"status\": \"closed\"}");
        }
        TicketStatus parsed = null;
        if (body.get("status") != null) {
            String status = body.get("status").asText();
            try {
                parsed = TicketStatus.of(status);
            } catch (IllegalArgumentException ex) {
                parsed = null;
            }
            if (parsed == null) {
                throw new BadRequest("status must be open, pending or closed, was \"" + status + "\"");
            }
        }
        com.fasterxml.jackson.databind.JsonNode category = body.get("category");
        if (category != null) {
            if (!category.isTextual() || category.asText().isBlank()) {
                throw new BadRequest("category must be a category id such as \"refund\", was " + category);
            }
            Corrections.Result result;
            try {
                result = corrections.correct(id, category.asText().strip(), Corrections.API, actor(e));
            } catch (Corrections.UnknownCategory ex) {
                throw new BadRequest(ex.getMessage());
            }
            if (result.outcome() == Corrections.Outcome.NO_TICKET) {
                error(e, 404, "no ticket " + id);
                return;
            }
        }
        if (parsed != null && !queries.setStatus(id, parsed)) {
            error(e, 404, "no ticket " + id);
            return;
        }
        audit(actor(e), "ticket.patch", "ticket " + id, (parsed == null ? "" : "status " + parsed.name()
                .toLowerCase(java.util.Locale.ROOT)) + (parsed != null && category != null ? ", " : "")
                + (category == null ? "" : "category " + category.asText().strip()));
        found(e, queries.find(id), "no ticket " + id);
    }

    /**
     * Who makes a change through the API: the name of the admin token the request was authenticated with (the admin
     * listener lets no change through without one); {@code api} only when there is none. Request headers are not
     * asked: a client could write anything there.
     */
    static String actor(Exchange e) {
        Object user = e.getIn().getHeader(USER_HEADER);
        if (user instanceof io.vertx.ext.auth.User u && u.principal() != null) {
            String name = u.principal().getString("name");
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return Corrections.API;
    }

    /**
     * {@code GET /api/corrections?since=ISO-8601&limit=N}: CSV {@code text,category} for eval and learn (see
     * {@link CorrectionsCsv}); {@code format=json}: every row in full. Oldest first.
     */
    private void exportCorrections(Exchange e) throws Exception {
        String format = param(e, "format");
        Instant since = since(e);
        Integer limit = param(e, "limit") == null ? null : intParam(e, "limit", 0, 1, 1_000_000);
        if (format == null || format.equals("csv")) {
            byte[] csv = CorrectionsCsv.write(corrections.labelled(since, limit));
            e.getMessage().removeHeaders("*");
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, CorrectionsCsv.CONTENT_TYPE);
            e.getMessage().setBody(csv);
        } else if (format.equals("json")) {
            json(e, 200, corrections.list(since, limit));
        } else {
            throw new BadRequest("format must be csv or json, was \"" + format + "\"");
        }
    }

    /** {@code since}: an ISO-8601 instant or date-time with offset, a local date-time or a date (both UTC). */
    private static Instant since(Exchange e) throws BadRequest {
        String value = param(e, "since");
        if (value == null) {
            return null;
        }
        // an unencoded "+08:00" in a query string arrives as " 08:00"
        String v = value.replace(' ', '+');
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new BadRequest("since must be an ISO-8601 time such as 2026-05-01T00:00:00Z or a date such"
                            + " as 2026-05-01, was \"" + value + "\"");
                }
            }
        }
    }

    private static long ticketId(Exchange e) throws BadRequest {
        return id(e, "id");
    }

    /** A positive decimal id as written: ASCII digits, no sign, no leading zero, no padding, fits a long. */
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");

    /**
     * The path's {@code {id}}, parsed strictly: the value is not trimmed (a trailing {@code %00} or space is a different
     * path, not ticket 1), and {@code 01}, {@code +1}, {@code -1}, {@code 1x} and values beyond a long are refused.
     */
    static long id(Exchange e, String name) throws BadRequest {
        String id = e.getMessage().getHeader(name, String.class);
        if (id == null || !ID.matcher(id).matches()) {
            throw new BadRequest(name + " must be a positive whole number without leading zeros, was \""
                    + printable(id) + "\"");
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException tooLarge) {
            throw new BadRequest(name + " must be at most " + Long.MAX_VALUE + ", was \"" + id + "\"");
        }
    }

    /** {@code value} with control characters shown as {@code \\uXXXX}, for an error message. */
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(100).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The ticket statuses {@code GET /api/tickets?status=} accepts. */
    private static final java.util.List<String> TICKET_STATUSES =
            java.util.Arrays.stream(TicketStatus.values()).map(TicketStatus::id).toList();

    /** The quarantine statuses {@code GET /api/quarantine?status=} accepts. */
    static final java.util.List<String> QUARANTINE_STATUSES = java.util.List.of("open", "retried", "resolved");

    private static String ticketStatus(Exchange e) throws BadRequest {
        return oneOf(e, "status", TICKET_STATUSES);
    }

    private static String quarantineStatus(Exchange e) throws BadRequest {
        return oneOf(e, "status", QUARANTINE_STATUSES);
    }

    /** The query parameter {@code name}, null when absent, else one of {@code allowed} (any case), else a 400. */
    private static String oneOf(Exchange e, String name, java.util.List<String> allowed) throws BadRequest {
        String value = param(e, name);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new BadRequest(name + " must be one of " + String.join(", ", allowed) + ", was \""
                    + printable(value) + "\"");
        }
        return lower;
    }

    private static void found(Exchange e, Optional<?> value, String missing) throws JsonProcessingException {
        if (value.isPresent()) {
            json(e, 200, value.get());
        } else {
            error(e, 404, missing);
        }
    }

    private static String sha256(Exchange e) throws BadRequest {
        String sha = param(e, "sha256");
        if (sha == null || !SHA256.matcher(sha).matches()) {
            throw new BadRequest("expected a lower-case hex SHA-256, was \"" + sha + "\"");
        }
        return sha;
    }

    private static void bytes(Exchange e, Optional<StoredContent> content) throws JsonProcessingException {
        if (content.isEmpty()) {
            error(e, 404, "not stored");
            return;
        }
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE,
                content.get().mediaType() == null ? "application/octet-stream" : content.get().mediaType());
        e.getMessage().setBody(content.get().bytes());
    }

    private static int limit(Exchange e) throws BadRequest {
        return intParam(e, "limit", 50, 1, 500);
    }

    private static String param(Exchange e, String name) {
        String value = e.getMessage().getHeader(name, String.class);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int intParam(Exchange e, String name, int fallback, int min, int max) throws BadRequest {
        String value = param(e, name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new BadRequest(name + " must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException ex) {
            throw new BadRequest(name + " must be a whole number, was \"" + value + "\"");
        }
    }

    static void json(Exchange e, int status, Object body) throws JsonProcessingException {
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        e.getMessage().setBody(Json.mapper().writeValueAsBytes(body));
    }

    static void error(Exchange e, int status, String message) throws JsonProcessingException {
        json(e, status, Map.of("error", message, "status", status));
    }

    /** A client mistake: answered 400 with the message. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }
}
