package org.inboundrouter.channel.webhook;

import org.inboundrouter.model.ChannelRef;

/**
 * A channel that receives HTTP requests at {@code /webhooks/{name}}: one implementation per platform (Twilio, Meta,
 * WeChat, ...). It checks the request's authenticity on the raw bytes, then turns it into messages. It stores nothing
 * itself: {@link WebhookRoutes} stores what it returns and only then answers.
 */
public interface WebhookChannel {

    /** The channel these messages belong to: the kind the customer used and the instance name. */
    ChannelRef channel();

    /** Requests larger than this are refused with 413 before they are looked at. */
    default long maxBodyBytes() {
        return 1024 * 1024;
    }

    /**
     * Verifies and parses one request. Throws {@link WebhookRejected} for anything that must not be stored: the route
     * answers with its status and logs one line.
     */
    WebhookResult handle(WebhookRequest request) throws WebhookRejected;
}
