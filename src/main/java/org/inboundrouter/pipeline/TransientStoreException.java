package org.inboundrouter.pipeline;

/**
 * The store could not be reached or the transaction lost a race: retrying the same message later will work.
 * The message stays unacknowledged at its source.
 */
public class TransientStoreException extends Exception {

    public TransientStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
