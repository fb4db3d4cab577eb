package org.inboundrouter.model;

/** Someone who writes or is written to: an address (email, phone number, platform user id) and a display name. */
public record Party(String address, String name) {

    public static Party of(String address) {
        return new Party(address, null);
    }
}
