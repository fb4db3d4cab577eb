package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.model.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RT's REST 2 API over {@link HttpClient}: JSON in and out, and every failure as a {@link DeliveryException}
 * (transient for anything that never got an HTTP answer). Thread-safe.
 */
final class RtClient {

    private final URI api;
    private final RtSinkConfig config;
    private final String authorization;
    private final HttpClient http;

    RtClient(RtSinkConfig config) {
        this.config = config;
        this.api = URI.create(config.baseUrl() + "/REST/2.0/");
        this.authorization = config.token() != null
                ? "token " + config.token().value()
                : "Basic " + Base64.getEncoder().encodeToString((config.username() + ":" + config.password().value())
                        .getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                // rt-server (Starman) speaks HTTP/1.1 only; skip the h2c upgrade attempt
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code path} is relative to {@code /REST/2.0/} and already URL-encoded. */
    JsonNode get(String path, String what) throws DeliveryException {
        return send(request(path).GET().build(), what);
    }

    JsonNode post(String path, JsonNode body, String what) throws DeliveryException {
        return send(request(path).header("Content-Type", "application/json; charset=utf-8")
                .POST(json(body, what)).build(), what);
    }

    /** RT answers a PUT with 200 and a list of messages, also for values it refused: read the record back. */
    JsonNode put(String path, JsonNode body, String what) throws DeliveryException {
        return send(request(path).header("Content-Type", "application/json; charset=utf-8")
                .PUT(json(body, what)).build(), what);
    }

    private static HttpRequest.BodyPublisher json(JsonNode body, String what) throws DeliveryException {
        try {
            return HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new DeliveryException(what + ": cannot write JSON: " + e.getMessage(), true, null, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path))
                .timeout(config.timeout())
                .header("Accept", "application/json")
                .header("Authorization", authorization);
    }

    private JsonNode send(HttpRequest request, String what) throws DeliveryException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // refused, reset, timed out: whether RT acted is unknown, which the outbox's find-before-create covers
            throw DeliveryException.transientFailure(what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure(what + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw DeliveryException.fromStatus(what, status, response.body());
        }
        try {
            return Json.mapper().readTree(response.body());
        } catch (JsonProcessingException e) {
            // a 200 that is not JSON: RT's web installer (unusable database) or a login page in front of RT
            throw DeliveryException.transientFailure(what + ": HTTP " + status + " but not JSON (is " + config.baseUrl()
                    + " RT's web root, and RT fully configured?)", e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }
}
