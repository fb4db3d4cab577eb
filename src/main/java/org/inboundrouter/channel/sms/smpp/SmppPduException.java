package org.inboundrouter.channel.sms.smpp;

/** A deliver_sm whose structure cannot be read (a user data header that contradicts its own lengths). */
public final class SmppPduException extends Exception {

    public SmppPduException(String message) {
        super(message);
    }
}
