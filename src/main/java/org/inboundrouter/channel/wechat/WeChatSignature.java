package org.inboundrouter.channel.wechat;

import org.inboundrouter.channel.webhook.Hmac;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * WeChat's request signature: the hex SHA-1 of its parts sorted as strings and concatenated. Plain mode signs
 * token, timestamp and nonce ({@code signature}); safe mode adds the {@code Encrypt} element ({@code msg_signature}).
 * https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html
 */
public final class WeChatSignature {

    private WeChatSignature() {
    }

    public static String compute(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Hmac.hex(sha1.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /** Constant time; hex case ignored. */
    public static boolean valid(String given, String... parts) {
        return given != null && Hmac.same(compute(parts), given.trim().toLowerCase(java.util.Locale.ROOT));
    }
}
