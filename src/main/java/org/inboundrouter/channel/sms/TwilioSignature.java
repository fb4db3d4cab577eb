package org.inboundrouter.channel.sms;

import org.inboundrouter.channel.webhook.FormBody;
import org.inboundrouter.channel.webhook.Hmac;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): base64 of HMAC-SHA1, keyed with the account's auth token,
 * over the full public URL followed by every POST parameter as name then value, sorted by name (repeated names sorted
 * by value). https://www.twilio.com/docs/usage/security#validating-requests
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    public static String compute(String authToken, String url, FormBody form) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(form.pairs());
        pairs.sort(Comparator.<Map.Entry<String, String>, String>comparing(Map.Entry::getKey)
                .thenComparing(Map.Entry::getValue));
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, String> pair : pairs) {
            data.append(pair.getKey()).append(pair.getValue());
        }
        return Base64.getEncoder().encodeToString(
                Hmac.sha1(authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@code signature} is valid for the URL. Twilio signs the URL as configured, and when that has no port
     * some of its SDKs sign it with the default port added (and vice versa): both forms are accepted.
     */
    public static boolean valid(String authToken, String url, FormBody form, String signature) {
        if (Hmac.same(compute(authToken, url, form), signature)) {
            return true;
        }
        String other = alternatePortForm(url);
        return other != null && Hmac.same(compute(authToken, other, form), signature);
    }

    static String alternatePortForm(String url) {
        java.net.URI uri = java.net.URI.create(url);
        int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String authority = uri.getRawAuthority();
        if (authority == null || authority.contains("@")) {
            return null;
        }
        String withoutPort = uri.getPort() == -1 ? null : authority.substring(0, authority.lastIndexOf(':'));
        String replacement = uri.getPort() == -1 ? authority + ":" + defaultPort
                : uri.getPort() == defaultPort ? withoutPort : null;
        if (replacement == null) {
            return null;
        }
        int at = url.indexOf(authority);
        return url.substring(0, at) + replacement + url.substring(at + authority.length());
    }
}
