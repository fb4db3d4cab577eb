package org.inboundrouter.channel.smtp;

/** Where a received message goes: the channel's route, which stores it. */
interface MessageSink {

    /**
     * Returns once the message is durably kept (stored, found to be a duplicate, or quarantined); throws when it could
     * not be, and the client must offer it again later.
     */
    void store(Envelope envelope, byte[] raw) throws Exception;
}
