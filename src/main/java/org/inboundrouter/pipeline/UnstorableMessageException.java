package org.inboundrouter.pipeline;

/**
 * This message cannot be stored, and retrying it unchanged will not help (bad data, a bug triggered by its content).
 * It is quarantined so the rest of the source keeps flowing.
 */
public class UnstorableMessageException extends Exception {

    public UnstorableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
