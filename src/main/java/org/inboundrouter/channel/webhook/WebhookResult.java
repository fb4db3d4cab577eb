package org.inboundrouter.channel.webhook;

import org.inboundrouter.model.Intake;

import java.util.List;

/**
 * What a verified webhook request amounts to: the messages it carries (none for a handshake or a status callback) and
 * the reply to send once every one of them is durably stored.
 */
public record WebhookResult(List<Intake> intakes, WebhookReply reply) {

    public WebhookResult {
        intakes = List.copyOf(intakes);
    }

    /** A request that carries no message (a handshake, an event the desk does not need); answered at once. */
    public static WebhookResult nothing(WebhookReply reply) {
        return new WebhookResult(List.of(), reply);
    }
}
