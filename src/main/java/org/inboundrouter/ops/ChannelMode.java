package org.inboundrouter.ops;

/** How a channel gets its messages, which decides what silence means. */
public enum ChannelMode {
    /** it fetches (POP3, Telegram getUpdates, X): silence past the stale limit means it is stuck */
    POLLED("polls"),
    /** it holds a connection (an IMAP IDLE session, an SMSC bind): failed connection attempts count, silence not */
    CONNECTED("connection attempts"),
    /** the platform calls us (webhooks): customers may simply not write, so silence means nothing */
    PUSHED("requests");

    private final String attempts;

    ChannelMode(String attempts) {
        this.attempts = attempts;
    }

    String attempts() {
        return attempts;
    }
}
