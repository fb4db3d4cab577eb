package org.inboundrouter.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;

/** Every error the listeners answer themselves, as the API does: {@code {"error": "...", "status": 404}}. */
final class ErrorAnswer {

    static final String JSON = "application/json; charset=utf-8";

    private ErrorAnswer() {
    }

    static void send(RoutingContext ctx, int status, String message) {
        send(ctx.response(), status, message);
    }

    static void send(HttpServerResponse response, int status, String message) {
        if (response.headWritten() || response.closed()) {
            // too late for an answer: the client gets a closed connection instead of half of one
            response.reset();
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", JSON).end(body(status, message));
    }

    /** Answers, then closes the connection: what is left of the request is not worth reading. */
    static void sendAndClose(HttpServerRequest request, int status, String message) {
        HttpServerResponse response = request.response();
        if (!response.headWritten() && !response.closed()) {
            response.putHeader("Connection", "close");
            response.setStatusCode(status).putHeader("Content-Type", JSON).end(body(status, message))
                    .onComplete(done -> request.connection().close());
        } else {
            request.connection().close();
        }
    }

    static String body(int status, String message) {
        return "{\"error\":" + quote(message) + ",\"status\":" + status + "}";
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static byte[] bytes(int status, String message) {
        return body(status, message).getBytes(StandardCharsets.UTF_8);
    }
}
