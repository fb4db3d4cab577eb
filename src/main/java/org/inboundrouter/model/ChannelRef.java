package org.inboundrouter.model;

/** Which channel a message came through: its kind (imap, pop3, twilio-sms, ...) and the instance name from config. */
public record ChannelRef(String kind, String name) {
}
