package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.model.Json;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RT's REST 2 API read and changed directly by a test, as the root of truth: as the API user, or as {@code root} for
 * what only an admin may do (the values of the Category custom field).
 */
final class RtRest {

    private final URI api;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RtRest(URI baseUrl, String user, String password) {
        this.api = URI.create(baseUrl + "/REST/2.0/");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    static RtRest asApiUser(RequestTrackerExtension rt) {
        return new RtRest(rt.baseUrl(), rt.username(), rt.password());
    }

    static RtRest asRoot(RequestTrackerExtension rt) throws Exception {
        return new RtRest(rt.baseUrl(), "root", rt.rootPassword());
    }

    JsonNode get(String path) throws Exception {
        return send("GET", path, null, 200);
    }

    JsonNode post(String path, String json, int expected) throws Exception {
        return send("POST", path, json, expected);
    }

    JsonNode put(String path, String json) throws Exception {
        return send("PUT", path, json, 200);
    }

    void delete(String path) throws Exception {
        send("DELETE", path, null, 204);
    }

    private JsonNode send(String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization).header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != expected) {
            throw new AssertionError(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? Json.mapper().nullNode() : Json.mapper().readTree(response.body());
    }

    // --- the Category custom field

    String categoryFieldId() throws Exception {
        for (JsonNode cf : get("queue/Support").path("TicketCustomFields")) {
            if (cf.path("name").asText().equals("Category")) {
                return cf.path("id").asText();
            }
        }
        throw new AssertionError("queue Support has no Category field");
    }

    List<String> categoryValues() throws Exception {
        List<String> values = new ArrayList<>();
        get("customfield/" + categoryFieldId()).path("Values").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** As root: adds {@code value} to the Category field's values. */
    void addCategoryValue(String value) throws Exception {
        post("customfield/" + categoryFieldId() + "/value", Json.mapper().createObjectNode().put("Name", value)
                .toString(), 201);
    }

    /** As root: removes {@code value} from the Category field's values. */
    void removeCategoryValue(String value) throws Exception {
        String field = categoryFieldId();
        for (JsonNode v : get("customfield/" + field + "/values?per_page=1000").path("items")) {
            if (v.path("name").asText().equals(value)) {
                delete("customfield/" + field + "/value/" + v.path("id").asText());
                return;
            }
        }
        throw new AssertionError("Category has no value " + value);
    }

    // --- tickets

    /** The ids of the RT tickets (any queue the user sees) whose InboundRouterId is {@code ourId}, oldest first. */
    List<String> ticketsWithOurId(long ourId) throws Exception {
        String query = "'CF.{InboundRouterId}' = '" + ourId + "'";
        List<String> ids = new ArrayList<>();
        get("tickets?orderby=id&order=ASC&per_page=100&fields=id&query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8)).path("items")
                .forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    /** How many tickets the queue holds, of any status. */
    int ticketCount() throws Exception {
        return get("tickets?per_page=1&query=" + URLEncoder.encode("Queue = 'Support'", StandardCharsets.UTF_8))
                .path("total").asInt();
    }

    static List<String> customField(JsonNode ticket, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode cf : ticket.path("CustomFields")) {
            if (name.equals(cf.path("name").asText())) {
                cf.path("values").forEach(v -> values.add(v.asText()));
            }
        }
        return values;
    }

    /** The text of the ticket's transactions of {@code type} (Create, Correspond), oldest first. */
    List<String> contents(String remote, String type) throws Exception {
        List<String> texts = new ArrayList<>();
        for (JsonNode tx : get("ticket/" + remote + "/history?per_page=100&fields=Type").path("items")) {
            if (type.equals(tx.path("Type").asText())) {
                for (JsonNode a : get("transaction/" + tx.path("id").asText()
                        + "/attachments?fields=Content,ContentType").path("items")) {
                    if (a.path("ContentType").asText().equals("text/plain")) {
                        texts.add(a.path("Content").asText().strip());
                    }
                }
            }
        }
        return texts;
    }
}
