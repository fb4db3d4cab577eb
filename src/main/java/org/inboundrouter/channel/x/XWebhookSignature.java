package org.inboundrouter.channel.x;

import org.inboundrouter.channel.webhook.Hmac;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * X's webhook security, both halves keyed with the app's consumer secret (API secret key):
 * the CRC answer {@code sha256=<base64 HMAC-SHA256(crc_token)>} and the {@code x-twitter-webhooks-signature} header,
 * {@code sha256=<base64 HMAC-SHA256(raw body)>}.
 * https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks
 */
final class XWebhookSignature {

    static final String HEADER = "x-twitter-webhooks-signature";

    private XWebhookSignature() {
    }

    static String of(String consumerSecret, byte[] data) {
        return "sha256=" + Base64.getEncoder().encodeToString(Hmac.sha256(consumerSecret, data));
    }

    static String crcResponseToken(String consumerSecret, String crcToken) {
        return of(consumerSecret, crcToken.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time; the {@code sha256=} prefix is compared too, so another algorithm's signature never matches. */
    static boolean valid(String consumerSecret, byte[] body, String header) {
        return Hmac.same(of(consumerSecret, body), header == null ? null : header.strip());
    }
}
