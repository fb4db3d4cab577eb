package org.inboundrouter.delivery;

/**
 * A delivery that did not happen. {@link #permanent()} means retrying cannot help (a 4xx the remote will repeat: a
 * missing queue, a rejected field); the item then goes to the quarantine with {@link #remoteAnswer()}. Anything else
 * (timeouts, 5xx, connection refused) is retried with backoff.
 */
public final class DeliveryException extends Exception {

    private final boolean permanent;
    private final String remoteAnswer;

    public DeliveryException(String message, boolean permanent, String remoteAnswer, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.remoteAnswer = remoteAnswer;
    }

    public static DeliveryException transientFailure(String message, Throwable cause) {
        return new DeliveryException(message, false, null, cause);
    }

    /** From an HTTP answer: 408, 425, 429 and 5xx are worth retrying; other 4xx are not. */
    public static DeliveryException fromStatus(String what, int status, String body) {
        boolean retry = status == 408 || status == 425 || status == 429 || status >= 500;
        String answer = body == null ? null : body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
        return new DeliveryException(what + ": HTTP " + status, !retry, "HTTP " + status + " " + answer, null);
    }

    public boolean permanent() {
        return permanent;
    }

    public String remoteAnswer() {
        return remoteAnswer;
    }
}
