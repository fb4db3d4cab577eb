package org.inboundrouter.channel.x;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** X user and event ids: unsigned 64-bit numbers, which X's JSON carries as strings (they overflow JavaScript numbers). */
final class XUserIds {

    private static final Pattern ID = Pattern.compile("[0-9]{1,20}");

    private XUserIds() {
    }

    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static boolean lessThan(String a, String b) {
        return new BigInteger(a).compareTo(new BigInteger(b)) < 0;
    }

    /**
     * The account id inside an OAuth 1.0a user access token: X issues them as {@code <user id>-<random>}. Lets the DM
     * poller tell our own outgoing messages apart without an extra API call; null when the token is not of that form.
     */
    static String fromAccessToken(String accessToken) {
        if (accessToken == null) {
            return null;
        }
        int dash = accessToken.indexOf('-');
        if (dash <= 0) {
            return null;
        }
        String prefix = accessToken.substring(0, dash);
        return valid(prefix) ? prefix : null;
    }
}
