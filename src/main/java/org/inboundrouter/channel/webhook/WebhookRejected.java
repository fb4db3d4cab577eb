package org.inboundrouter.channel.webhook;

/**
 * A request the channel refuses: nothing of it is stored, and the sender gets {@link #status()} with a JSON error.
 * The message names what is wrong (and {@link #field()} where) but never echoes secrets or message content.
 */
public final class WebhookRejected extends Exception {

    private final int status;
    private final String field;

    public WebhookRejected(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** 401: no credentials at all (missing signature header or token). */
    public static WebhookRejected unauthenticated(String what) {
        return new WebhookRejected(401, null, what);
    }

    /** 403: credentials present but wrong (bad signature, wrong token, stale timestamp). */
    public static WebhookRejected forbidden(String what) {
        return new WebhookRejected(403, null, what);
    }

    /** 400: the payload is not what the platform documents; {@code field} names the offending field. */
    public static WebhookRejected malformed(String field, String what) {
        return new WebhookRejected(400, field, what);
    }

    /** 415: a content type the channel does not accept. */
    public static WebhookRejected unsupportedType(String got, String expected) {
        return new WebhookRejected(415, null, "content type " + (got == null ? "(none)" : got) + " not accepted; send "
                + expected);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
