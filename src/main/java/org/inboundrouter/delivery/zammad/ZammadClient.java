package org.inboundrouter.delivery.zammad;

import org.inboundrouter.delivery.HttpDeadline;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.model.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * JSON over HTTP to one Zammad instance. Every failure becomes a {@link DeliveryException}: an HTTP error by its
 * status, anything before an answer (refused, reset, timeout) as transient, since the request may or may not have
 * been carried out.
 */
final class ZammadClient {

    private final ZammadSinkConfig config;
    private final HttpClient http;

    ZammadClient(ZammadSinkConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    JsonNode get(String pathAndQuery, String what) throws DeliveryException {
        return send(request(pathAndQuery).GET().build(), what);
    }

    JsonNode post(String path, JsonNode body, String what) throws DeliveryException {
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a Zammad request", e);
        }
        return send(request(path).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), what);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + pathAndQuery))
                .timeout(config.timeout())
                .header("Accept", "application/json")
                .header("Authorization", config.authorization());
    }

    private JsonNode send(HttpRequest request, String what) throws DeliveryException {
        HttpResponse<byte[]> response;
        try {
            response = HttpDeadline.send(http, request, config.timeout());
        } catch (IOException e) {
            throw DeliveryException.transientFailure(what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure(what + ": interrupted", e);
        }
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status < 200 || status > 299) {
            throw DeliveryException.fromStatus(what, status, body);
        }
        if (body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            // a 2xx that is not JSON is a proxy or login page, not Zammad: the request's fate is unknown
            throw new DeliveryException(what + ": HTTP " + status + " but the answer is not JSON", false,
                    "HTTP " + status + " " + abbreviate(body), e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    private static String abbreviate(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "..." : body;
    }
}
