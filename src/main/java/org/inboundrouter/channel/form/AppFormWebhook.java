package org.inboundrouter.channel.form;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.channel.webhook.FormBody;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.JsonBody;
import org.inboundrouter.channel.webhook.RateLimiter;
import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.channel.webhook.WebhookReply;
import org.inboundrouter.channel.webhook.WebhookRequest;
import org.inboundrouter.channel.webhook.WebhookResult;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Sha256;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A help-form submission: {@code message} (required), who wrote it ({@code email}, {@code phone} or the app's
 * {@code userId}, at least one), optional {@code name}, {@code subject} and {@code submissionId}. The app's backend
 * should send a {@code submissionId} so that a retried POST is recognised; without one, identical bodies are.
 * Every submission opens a ticket of its own.
 */
final class AppFormWebhook implements WebhookChannel {

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,20}");
    private static final int MAX_MESSAGE_CHARS = 20_000;

    private final AppFormConfig config;
    private final ChannelRef channel;
    private final RateLimiter perKey;
    private final RateLimiter perSender;

    AppFormWebhook(AppFormConfig config) {
        this.config = config;
        this.channel = new ChannelRef(ChannelRef.FORM, config.name());
        this.perKey = new RateLimiter(config.perKeyLimit(), config.perKeyPeriod());
        this.perSender = new RateLimiter(config.perSenderLimit(), config.perSenderPeriod());
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
            throw new WebhookRejected(405, null, "submit the form with POST");
        }
        String key = apiKey(request);
        limit(perKey, "key:" + Sha256.hex(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "this API key");
        Submission s = parse(request);
        String sender = s.email != null ? s.email.toLowerCase(Locale.ROOT)
                : s.phone != null ? s.phone.replaceAll("[ ()-]", "") : "app:" + s.userId;
        limit(perSender, sender, "this sender");
        String id = s.submissionId != null ? s.submissionId : "sha256:" + Sha256.hex(request.body());
        ChatIntake intake = ChatIntake.from(channel, request.body())
                .dedupKey("form:" + config.name() + ":" + id).externalId(s.submissionId)
                .sender(new Party(sender, s.name)).subject(s.subject).text(s.message)
                .receivedAt(request.receivedAt())
                .header("user-id", s.userId).header("phone", s.phone).header("email", s.email)
                .header("app-version", s.appVersion);
        return new WebhookResult(List.of(intake.build()), WebhookReply.json(202, "{\"status\":\"received\"}"));
    }

    private String apiKey(WebhookRequest request) throws WebhookRejected {
        String key = request.header("x-api-key");
        String authorization = request.header("authorization");
        if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).trim();
        }
        if (key == null || key.isBlank()) {
            throw WebhookRejected.unauthenticated("API key missing (X-Api-Key header or Authorization: Bearer)");
        }
        boolean known = false;
        for (String accepted : config.apiKeys()) {
            known |= Hmac.same(accepted, key.trim());
        }
        if (!known) {
            throw WebhookRejected.forbidden("API key not accepted");
        }
        return key.trim();
    }

    private static void limit(RateLimiter limiter, String key, String who) throws WebhookRejected {
        long wait = limiter.acquire(key);
        if (wait > 0) {
            throw new WebhookRejected(429, null, "too many submissions from " + who + "; retry in " + wait + " s");
        }
    }

    private record Submission(String message, String email, String phone, String userId, String name,
            String subject, String submissionId, String appVersion) {
    }

    private static Submission parse(WebhookRequest request) throws WebhookRejected {
        String type = request.mediaType();
        Submission s;
        if (JSON.equals(type)) {
            JsonNode root = JsonBody.parse(request.body());
            if (!root.isObject()) {
                throw WebhookRejected.malformed(null, "expected a JSON object");
            }
            s = new Submission(JsonBody.optionalText(root, "message"), JsonBody.optionalText(root, "email"),
                    JsonBody.optionalText(root, "phone"), JsonBody.optionalText(root, "userId"),
                    JsonBody.optionalText(root, "name"), JsonBody.optionalText(root, "subject"),
                    JsonBody.optionalText(root, "submissionId"), JsonBody.optionalText(root, "appVersion"));
        } else if (FORM.equals(type)) {
            FormBody form = FormBody.parse(request.body());
            s = new Submission(form.get("message"), form.get("email"), form.get("phone"), form.get("userId"),
                    form.get("name"), form.get("subject"), form.get("submissionId"), form.get("appVersion"));
        } else {
            throw WebhookRejected.unsupportedType(type, JSON + " or " + FORM);
        }
        return validate(s);
    }

    private static Submission validate(Submission s) throws WebhookRejected {
        if (s.message == null || s.message.isBlank()) {
            throw WebhookRejected.malformed("message", "message is required");
        }
        if (s.message.length() > MAX_MESSAGE_CHARS) {
            throw WebhookRejected.malformed("message", "message is longer than " + MAX_MESSAGE_CHARS + " characters");
        }
        String email = blankToNull(s.email);
        String phone = blankToNull(s.phone);
        String userId = blankToNull(s.userId);
        if (email == null && phone == null && userId == null) {
            throw WebhookRejected.malformed("email", "one of email, phone or userId is required to answer the customer");
        }
        if (email != null && !EMAIL.matcher(email.trim()).matches()) {
            throw WebhookRejected.malformed("email", "email is not an address");
        }
        if (phone != null && !PHONE.matcher(phone.trim()).matches()) {
            throw WebhookRejected.malformed("phone", "phone is not a phone number");
        }
        if (userId != null && userId.length() > 128) {
            throw WebhookRejected.malformed("userId", "userId is longer than 128 characters");
        }
        String submissionId = blankToNull(s.submissionId);
        if (submissionId != null && submissionId.length() > 128) {
            throw WebhookRejected.malformed("submissionId", "submissionId is longer than 128 characters");
        }
        return new Submission(s.message, email == null ? null : email.trim(), phone == null ? null : phone.trim(),
                userId, blankToNull(s.name), blankToNull(s.subject), submissionId, blankToNull(s.appVersion));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
