package org.inboundrouter.channel.webhook;

import java.nio.charset.StandardCharsets;

/** The answer to a webhook request: what each platform expects to hear back (empty TwiML, "success", a challenge). */
public record WebhookReply(int status, String contentType, byte[] body) {

    public static WebhookReply empty() {
        return new WebhookReply(200, null, new byte[0]);
    }

    public static WebhookReply text(String text) {
        return new WebhookReply(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static WebhookReply xml(String xml) {
        return new WebhookReply(200, "application/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
    }

    public static WebhookReply json(int status, String json) {
        return new WebhookReply(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }
}
