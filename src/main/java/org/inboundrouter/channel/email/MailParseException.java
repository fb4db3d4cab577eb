package org.inboundrouter.channel.email;

/**
 * A mail that cannot be read as a message at all. The message names what failed and where, e.g.
 * {@code message body (multipart/mixed): Missing start boundary "--abc"}.
 */
public class MailParseException extends Exception {

    public MailParseException(String message) {
        super(message);
    }

    public MailParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
