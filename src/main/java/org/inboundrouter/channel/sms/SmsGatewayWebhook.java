package org.inboundrouter.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.JsonBody;
import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.channel.webhook.WebhookReply;
import org.inboundrouter.channel.webhook.WebhookRequest;
import org.inboundrouter.channel.webhook.WebhookResult;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Party;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A generic SMS gateway's JSON webhook: one message object, or an array of them, per POST. Authenticated before the
 * body is parsed; each message is keyed by the gateway's id, so a gateway that retries after a timeout causes no
 * second ticket.
 */
final class SmsGatewayWebhook implements WebhookChannel {

    private static final String JSON = "application/json";

    private final SmsGatewayConfig config;
    private final ChannelRef channel;

    SmsGatewayWebhook(SmsGatewayConfig config) {
        this.config = config;
        this.channel = new ChannelRef(ChannelRef.SMS, config.name());
    }

    @Override
    public ChannelRef channel() {
        return channel;
    }

    @Override
    public long maxBodyBytes() {
        return config.maxBodyBytes();
    }

    @Override
    public WebhookResult handle(WebhookRequest request) throws WebhookRejected {
        if (!request.isPost()) {
            throw new WebhookRejected(405, null, "the gateway posts messages; " + request.method() + " is not used");
        }
        authenticate(request);
        if (!JSON.equals(request.mediaType())) {
            throw WebhookRejected.unsupportedType(request.mediaType(), JSON);
        }
        JsonNode root = JsonBody.parse(request.body());
        List<Intake> intakes = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                intakes.add(message(root.get(i), "[" + i + "].", request,
                        root.get(i).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        } else if (root.isObject()) {
            intakes.add(message(root, "", request, request.body()));
        } else {
            throw WebhookRejected.malformed(null, "expected a JSON object or an array of objects");
        }
        return new WebhookResult(intakes, WebhookReply.json(200, "{\"status\":\"stored\",\"count\":"
                + intakes.size() + "}"));
    }

    private void authenticate(WebhookRequest request) throws WebhookRejected {
        String secret = config.secret().value();
        if (config.auth() == SmsGatewayConfig.Auth.BEARER) {
            String authorization = request.header("authorization");
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw WebhookRejected.unauthenticated("Authorization: Bearer token missing");
            }
            if (!Hmac.same(secret, authorization.substring(7).trim())) {
                throw WebhookRejected.forbidden("bearer token does not match");
            }
            return;
        }
        String given = request.header(config.signatureHeader());
        if (given == null || given.isBlank()) {
            throw WebhookRejected.unauthenticated(config.signatureHeader() + " header missing");
        }
        given = given.trim().toLowerCase(Locale.ROOT);
        if (given.startsWith("sha256=")) {
            given = given.substring(7);
        }
        if (!Hmac.same(Hmac.hex(Hmac.sha256(secret, request.body())), given)) {
            throw WebhookRejected.forbidden(config.signatureHeader() + " is not the HMAC-SHA256 of the body");
        }
    }

    /** {@code raw}: the request body for a single message, the element's JSON for one of a batch. */
    private Intake message(JsonNode node, String path, WebhookRequest request, byte[] raw) throws WebhookRejected {
        if (node == null || !node.isObject()) {
            throw WebhookRejected.malformed(path.isEmpty() ? null : path.substring(0, path.length() - 1),
                    "expected a message object");
        }
        SmsGatewayConfig.Fields f = config.fields();
        String id = JsonBody.text(node, f.id(), path + f.id());
        String from = JsonBody.text(node, f.from(), path + f.from());
        String to = JsonBody.optionalText(node, f.to());
        JsonNode text = node.get(f.text());
        if (text == null || !text.isTextual()) {
            throw WebhookRejected.malformed(path + f.text(), "required field " + path + f.text()
                    + " is missing or not a string");
        }
        return ChatIntake.from(channel, raw)
                .dedupKey("sms-gateway:" + config.name() + ":" + id).externalId(id)
                .sender(Party.of(from.trim())).recipient(to == null ? null : Party.of(to.trim()))
                .text(text.asText())
                .sentAt(timestamp(node.get(f.timestamp()), path + f.timestamp()))
                .receivedAt(request.receivedAt())
                .threadKey(from.trim() + ">" + to)
                .build();
    }

    /** ISO-8601 with offset, or seconds (or milliseconds) since the epoch. */
    private static Instant timestamp(JsonNode value, String path) throws WebhookRejected {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            long n = value.asLong();
            return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        String text = value.asText().trim();
        try {
            if (text.matches("\\d{9,13}")) {
                long n = Long.parseLong(text);
                return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw WebhookRejected.malformed(path, path + " must be ISO-8601 with an offset or epoch seconds");
        }
    }
}
