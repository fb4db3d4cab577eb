package org.inboundrouter.channel.telegram;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.HttpResponseAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failed {@code getUpdates} call as one line without the bot token. camel-telegram's errors quote the request
 * URL, and the Bot API puts the token in the URL path ({@code /bot<token>/getUpdates}); Camel's default handler would
 * log that URL, with a stack trace, on every failed poll.
 */
final class PollFailureLog implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger("inbound");

    private final String channel;
    private final String token;

    PollFailureLog(String channel, String token) {
        this.channel = channel;
        this.token = token;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        LOG.warn("telegram {}: getUpdates failed, polling again later{}: {}", channel, hint(exception),
                redact(describe(exception)));
    }

    private static String hint(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseAware http) {
                return switch (http.getHttpResponseCode()) {
                    case 401, 404 -> " (Telegram refused the bot token: revoked, or a typo?)";
                    case 409 -> " (a webhook is set for this bot, or another process polls it; "
                            + "getUpdates works only when the webhook is deleted and one poller runs)";
                    case 429 -> " (rate limited by Telegram)";
                    default -> "";
                };
            }
        }
        return "";
    }

    private static String describe(Throwable exception) {
        StringBuilder d = new StringBuilder();
        for (Throwable t = exception; t != null && d.length() < 1000; t = t.getCause()) {
            if (d.length() > 0) {
                d.append(" <- ");
            }
            d.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                d.append(": ").append(t.getMessage());
            }
        }
        return d.toString();
    }

    String redact(String text) {
        return token == null || token.isEmpty() ? text : text.replace(token, "<bot-token>");
    }
}
