package org.inboundrouter.channel.wechat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Safe mode (安全模式) message encryption: AES-256-CBC, key = Base64(EncodingAESKey + "="), IV = the key's first 16
 * bytes, PKCS#7 padding to 32-byte blocks; the plaintext is 16 random bytes, the XML's length as 4 bytes big-endian,
 * the XML, then the AppID it was sent to.
 * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
 */
public final class WeChatCrypto {

    static final int BLOCK = 32;

    private final byte[] key;
    private final String appId;

    public WeChatCrypto(String encodingAesKey, String appId) {
        if (!isValidKey(encodingAesKey)) {
            throw new IllegalArgumentException("an EncodingAESKey has 43 Base64 characters");
        }
        this.key = decodeKey(encodingAesKey);
        this.appId = appId;
    }

    public static boolean isValidKey(String encodingAesKey) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            return false;
        }
        try {
            return decodeKey(encodingAesKey).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] decodeKey(String encodingAesKey) {
        return Base64.getDecoder().decode(encodingAesKey + "=");
    }

    /** The XML inside {@code encrypted} (the Base64 {@code Encrypt} element). */
    public String decrypt(String encrypted) throws DecryptionFailed {
        byte[] plain;
        try {
            byte[] cipherText = Base64.getMimeDecoder().decode(encrypted);
            if (cipherText.length == 0 || cipherText.length % 16 != 0) {
                throw new DecryptionFailed("ciphertext is not whole AES blocks");
            }
            plain = cipher(Cipher.DECRYPT_MODE).doFinal(cipherText);
        } catch (IllegalArgumentException e) {
            throw new DecryptionFailed("Encrypt is not Base64");
        } catch (GeneralSecurityException e) {
            throw new DecryptionFailed("AES decryption failed");
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new DecryptionFailed("bad padding: wrong EncodingAESKey?");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new DecryptionFailed("bad padding: wrong EncodingAESKey?");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new DecryptionFailed("plaintext too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > end) {
            throw new DecryptionFailed("message length out of range: wrong EncodingAESKey?");
        }
        String xml = new String(plain, 20, length, StandardCharsets.UTF_8);
        String from = new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8);
        if (!from.equals(appId)) {
            throw new DecryptionFailed("message is for another AppID");
        }
        return xml;
    }

    /** Encrypts as WeChat does (what an encrypted passive reply would need); the tests speak WeChat's side with it. */
    public String encrypt(String xml, byte[] random16) throws GeneralSecurityException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        byte[] id = appId.getBytes(StandardCharsets.UTF_8);
        int unpadded = 16 + 4 + body.length + id.length;
        int pad = BLOCK - unpadded % BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(unpadded + pad);
        plain.put(random16, 0, 16).putInt(body.length).put(body).put(id);
        byte[] padding = new byte[pad];
        Arrays.fill(padding, (byte) pad);
        plain.put(padding);
        return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(plain.array()));
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOfRange(key, 0, 16)));
        return cipher;
    }

    /** The encrypted message cannot be read with this key and AppID; the reason names no secret. */
    public static final class DecryptionFailed extends Exception {
        DecryptionFailed(String message) {
            super(message);
        }
    }
}
