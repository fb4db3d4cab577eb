package org.inboundrouter.delivery.webhook;

import org.inboundrouter.delivery.HttpDeadline;
import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.delivery.TicketSink;
import org.inboundrouter.model.Json;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * POSTs each ticket event, signed, to one URL. Delivery is at least once: an attempt whose answer is lost is repeated
 * with the same {@code Idempotency-Key}, and the receiver drops what it has seen. See docs/sinks/webhook.md.
 */
public final class WebhookSink implements TicketSink {

    static final String SIGNATURE = "X-Inbound-Router-Signature";
    static final String TIMESTAMP = "X-Inbound-Router-Timestamp";
    /** More than any id a receiver answers with; the rest of a longer answer is ignored. */
    private static final int ANSWER_LIMIT = 64 * 1024;

    private final String name;
    private final WebhookSinkConfig config;
    private final HttpClient http;
    private final Clock clock;

    public WebhookSink(String name, WebhookSinkConfig config) {
        this(name, config, Clock.systemUTC());
    }

    WebhookSink(String name, WebhookSinkConfig config, Clock clock) {
        this.name = name;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Always empty: a receiver cannot be asked. After a lost answer the outbox sends again, and the repeat carries the
     * same Idempotency-Key, so the receiver's dedupe turns it into the one ticket.
     */
    @Override
    public Optional<String> find(long ourTicketId) {
        return Optional.empty();
    }

    /** Returns the {@code id} of the receiver's JSON answer, or our ticket id when it gave none. */
    @Override
    public String create(Ticket ticket, TicketMessage first) throws DeliveryException {
        JsonNode answer = deliver(WebhookPayload.CREATED, ticket, first, null);
        JsonNode id = answer == null ? null : answer.get("id");
        if (id != null && (id.isTextual() || id.isNumber()) && !id.asText().isBlank()) {
            return id.asText();
        }
        return Long.toString(ticket.id());
    }

    @Override
    public void append(String remoteId, Ticket ticket, TicketMessage message) throws DeliveryException {
        deliver(WebhookPayload.APPENDED, ticket, message, remoteId);
    }

    private JsonNode deliver(String event, Ticket ticket, TicketMessage message, String remoteId)
            throws DeliveryException {
        String deliveryId = WebhookPayload.deliveryId(ticket, message);
        // whole seconds: the header carries Unix seconds, and sentAt must say the same instant
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] body = WebhookPayload.body(event, deliveryId, now, ticket, message, remoteId);
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "inbound-router")
                .header("X-Inbound-Router-Event", event)
                .header("Idempotency-Key", deliveryId)
                .header(TIMESTAMP, Long.toString(now.getEpochSecond()))
                .header(SIGNATURE, "sha256=" + Hmac.hex(Hmac.sha256(config.secret().value(), body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (config.authorization() != null) {
            request.header("Authorization", config.authorization().value());
        }
        String what = "webhook " + event + " to " + config.url().getHost();
        HttpResponse<byte[]> response;
        try {
            response = HttpDeadline.send(http, request.build(), config.timeout());
        } catch (IOException e) {
            throw DeliveryException.transientFailure(what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure(what + ": interrupted", e);
        }
        byte[] raw = response.body();
        String answer = new String(raw, 0, Math.min(raw.length, ANSWER_LIMIT), StandardCharsets.UTF_8);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw DeliveryException.fromStatus(what, status, answer);
        }
        try {
            return answer.isBlank() ? null : Json.mapper().readTree(answer);
        } catch (IOException e) {
            // delivered: an answer we cannot read costs the receiver's id, not the delivery
            return null;
        }
    }
}
