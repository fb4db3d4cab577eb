package org.inboundrouter.config;

/**
 * Something on this machine, not in a config file, that stops the daemon from starting: a data directory it cannot
 * write, a port another process holds, a store it cannot open. The message is one sentence for the operator, naming
 * what and why; {@code run} prints it without a stack trace and exits 2.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message, null, false, false);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
