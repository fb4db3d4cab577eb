package org.inboundrouter.delivery.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.inboundrouter.config.Secret;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.model.Priority;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.inboundrouter.delivery.zammad.SinkFixtures.email;
import static org.inboundrouter.delivery.zammad.SinkFixtures.message;
import static org.inboundrouter.delivery.zammad.SinkFixtures.ticket;

class WebhookSinkTest {

    private static final String SECRET = "whsec-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2024-05-03T08:00:05Z");

    private Receiver receiver;
    private WebhookSink sink;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        sink = sink(null);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aNewTicketIsPostedSignedWithTheReceiversIdAsRemoteId() throws Exception {
        TicketMessage first = message("email", email(), "退款迟迟不到账", "我的退款还没到账");
        Ticket ticket = ticket(42, Priority.HIGH, first, List.of("refund", "service_complaint"));
        receiver.replyNext(201, "{\"id\": \"HD-981\"}", 0);

        assertThat(sink.create(ticket, first)).isEqualTo("HD-981");

        Receiver.Received got = receiver.received().get(0);
        assertThat(got.header(":method")).isEqualTo("POST");
        assertThat(got.header("Content-Type")).startsWith("application/json");
        assertThat(got.header("X-Inbound-Router-Signature")).isEqualTo("sha256=" + hmacHex(SECRET, got.body()));
        assertThat(got.header("X-Inbound-Router-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        String key = "ticket-42-message-" + first.message().id();
        assertThat(got.header("Idempotency-Key")).isEqualTo(key);
        assertThat(got.header("X-Inbound-Router-Event")).isEqualTo("ticket.created");
        assertThat(got.header("Authorization")).isNull();

        JsonNode json = new ObjectMapper().readTree(got.body());
        assertThat(json.path("event").asText()).isEqualTo("ticket.created");
        assertThat(json.path("deliveryId").asText()).isEqualTo(key);
        assertThat(json.path("sentAt").asText()).isEqualTo(NOW.toString());
        assertThat(json.has("remoteId")).isFalse();
        assertThat(json.path("ticket").path("id").asLong()).isEqualTo(42);
        assertThat(json.path("ticket").path("priority").asText()).isEqualTo("high");
        assertThat(json.path("ticket").path("categories")).hasSize(2);
        assertThat(json.path("ticket").path("customer").path("address").asText()).isEqualTo("zhangsan@example.cn");
        assertThat(json.path("ticket").has("messages")).isFalse();
        assertThat(json.path("message").path("id").asText()).isEqualTo(first.message().id());
        assertThat(json.path("message").path("text").asText()).isEqualTo("我的退款还没到账");
        assertThat(json.path("message").path("classification").path("category").asText()).isEqualTo("refund");
    }

    @Test
    void aSignatureUnderAnotherKeyOrOfAnotherBodyDoesNotMatch() throws Exception {
        TicketMessage first = message("sms", email(), null, "hi");
        sink.create(ticket(1, Priority.NORMAL, first, List.of("other")), first);
        Receiver.Received got = receiver.received().get(0);

        String header = got.header("X-Inbound-Router-Signature");
        assertThat(header).isNotEqualTo("sha256=" + hmacHex("another-secret-0123", got.body()));
        byte[] tampered = got.text().replace("\"hi\"", "\"HI\"").getBytes(StandardCharsets.UTF_8);
        assertThat(header).isNotEqualTo("sha256=" + hmacHex(SECRET, tampered));
    }

    @Test
    void withoutAnIdInTheAnswerTheRemoteIdIsOurs() throws Exception {
        TicketMessage first = message("email", email(), "hi", "text");
        receiver.replyNext(200, "accepted", 0);
        assertThat(sink.create(ticket(7, Priority.NORMAL, first, List.of("other")), first)).isEqualTo("7");
        receiver.replyNext(204, "", 0);
        assertThat(sink.create(ticket(8, Priority.NORMAL, first, List.of("other")), first)).isEqualTo("8");
        receiver.replyNext(200, "{\"id\": 5512}", 0);
        assertThat(sink.create(ticket(9, Priority.NORMAL, first, List.of("other")), first)).isEqualTo("5512");
        assertThat(sink.find(9)).isEmpty();
    }

    @Test
    void anAppendCarriesTheRemoteIdAndRepeatsWithTheSameKey() throws Exception {
        TicketMessage first = message("email", email(), "hi", "text");
        Ticket ticket = ticket(3, Priority.NORMAL, first, List.of("other"));
        TicketMessage reply = message("email", email(), "Re: hi", "more");

        receiver.replyNext(503, "{\"error\":\"busy\"}", 0);
        DeliveryException busy = catchThrowableOfType(() -> sink.append("HD-1", ticket, reply),
                DeliveryException.class);
        assertThat(busy.permanent()).isFalse();
        assertThat(busy.remoteAnswer()).isEqualTo("HTTP 503 {\"error\":\"busy\"}");
        sink.append("HD-1", ticket, reply);

        List<Receiver.Received> got = receiver.received();
        assertThat(got).hasSize(2);
        assertThat(got.get(0).header("Idempotency-Key")).isEqualTo(got.get(1).header("Idempotency-Key"))
                .isEqualTo("ticket-3-message-" + reply.message().id());
        JsonNode json = new ObjectMapper().readTree(got.get(1).body());
        assertThat(json.path("event").asText()).isEqualTo("message.appended");
        assertThat(json.path("remoteId").asText()).isEqualTo("HD-1");
        assertThat(json.path("message").path("subject").asText()).isEqualTo("Re: hi");
        assertThat(got.get(1).header("X-Inbound-Router-Signature"))
                .isEqualTo("sha256=" + hmacHex(SECRET, got.get(1).body()));
    }

    @Test
    void aRefusalIsPermanentAndATimeoutTransient() {
        TicketMessage first = message("email", email(), "hi", "text");
        Ticket ticket = ticket(3, Priority.NORMAL, first, List.of("other"));

        receiver.replyNext(400, "{\"error\":\"unknown field\"}", 0);
        DeliveryException refused = catchThrowableOfType(() -> sink.create(ticket, first), DeliveryException.class);
        assertThat(refused.permanent()).isTrue();
        assertThat(refused.remoteAnswer()).contains("unknown field");
        assertThat(refused.getMessage()).doesNotContain(SECRET);

        receiver.replyNext(200, "{\"id\":\"late\"}", 2500);
        DeliveryException slow = catchThrowableOfType(() -> sink.create(ticket, first), DeliveryException.class);
        assertThat(slow.permanent()).isFalse();

        receiver.replyNext(302, "", 0);
        assertThat(catchThrowableOfType(() -> sink.create(ticket, first), DeliveryException.class).permanent())
                .isTrue();
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        receiver.close();
        TicketMessage first = message("email", email(), "hi", "text");
        DeliveryException down = catchThrowableOfType(
                () -> sink.create(ticket(3, Priority.NORMAL, first, List.of("other")), first),
                DeliveryException.class);
        assertThat(down.permanent()).isFalse();
    }

    @Test
    void anAuthorizationHeaderWhenConfigured() throws Exception {
        WebhookSink withAuth = sink(new Secret("Bearer gateway-token", "test"));
        TicketMessage first = message("email", email(), "hi", "text");
        withAuth.create(ticket(3, Priority.NORMAL, first, List.of("other")), first);
        assertThat(receiver.received().get(0).header("Authorization")).isEqualTo("Bearer gateway-token");
    }

    private WebhookSink sink(Secret authorization) {
        WebhookSinkConfig config = new WebhookSinkConfig(receiver.url(), new Secret(SECRET, "test"), authorization,
                Duration.ofMillis(1000));
        return new WebhookSink("hooks", config, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The receiver's side, written from the docs rather than with the sink's own helper. */
    private static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(body)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
