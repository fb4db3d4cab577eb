package org.inboundrouter.config;

/**
 * A credential resolved from the environment or a file. {@link #toString()} never shows the value, so a secret that
 * ends up in a log line or an exception message stays secret.
 *
 * @param source where it came from, for messages: {@code env:IMAP_PASSWORD}, {@code file:/run/secrets/imap}, {@code literal}
 */
public record Secret(String value, String source) {

    @Override
    public String toString() {
        return "Secret[" + source + "]";
    }
}
