package org.inboundrouter.channel.meta;

import org.inboundrouter.channel.webhook.Hmac;

import java.util.Locale;

/**
 * Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the request body under the app
 * secret. Meta signs the bytes it sends, which escape every non-ASCII character (backslash u and four hex digits for é): the check must run
 * on the raw body, never on JSON parsed and written again (that would turn the escapes into UTF-8 and fail for every
 * Chinese message). https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads
 */
public final class MetaSignature {

    static final String PREFIX = "sha256=";

    private MetaSignature() {
    }

    /** The header value Meta would send for {@code body}. */
    public static String compute(String appSecret, byte[] body) {
        return PREFIX + Hmac.hex(Hmac.sha256(appSecret, body));
    }

    /** Whether {@code header} signs {@code body}; constant time, hex case ignored. */
    public static boolean valid(String appSecret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        String given = header.trim();
        if (given.length() <= PREFIX.length() || !given.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        return Hmac.same(compute(appSecret, body), PREFIX + given.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    }
}
