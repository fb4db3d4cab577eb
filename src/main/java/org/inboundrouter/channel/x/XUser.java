package org.inboundrouter.channel.x;

import org.inboundrouter.model.Party;

/** An X account as the webhook's {@code users} map describes it; name and handle may be unknown (the DM list omits them). */
public record XUser(String id, String name, String screenName) {

    /** The party address of an X account: {@code x:<numeric id>}. The id is stable; the @handle can be changed. */
    public static String address(String id) {
        return "x:" + id;
    }

    /** "Jordan Brinks (@furiouscamper)", or whichever half is known; null when neither is. */
    public String displayName() {
        boolean hasName = name != null && !name.isBlank();
        boolean hasHandle = screenName != null && !screenName.isBlank();
        if (hasName && hasHandle) {
            return name.strip() + " (@" + screenName.strip() + ")";
        }
        if (hasHandle) {
            return "@" + screenName.strip();
        }
        return hasName ? name.strip() : null;
    }

    public Party party() {
        return new Party(address(id), displayName());
    }

    public static XUser unknown(String id) {
        return new XUser(id, null, null);
    }
}
