package org.inboundrouter.channel.wechat;

import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookChannelConfig;
import org.inboundrouter.config.ChannelSettings;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.ChannelRef;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@code kind: wechat}: a WeChat Official Account's server configuration (服务器配置).
 *
 * @param token          the Token entered in the account's server configuration; signs every request
 * @param appId          the account's AppID; a message decrypted in safe mode must name it
 * @param encodingAesKey the 43-character EncodingAESKey, for safe mode (安全模式) and compatible mode; null for plain
 */
public record WeChatConfig(String name, Path file, boolean enabled, Secret token, String appId,
        Secret encodingAesKey, long maxBodyBytes) implements WebhookChannelConfig {

    private static final Set<String> FIELDS = Set.of("token", "appId", "encodingAesKey", "maxBodyBytes");

    public static WeChatConfig read(ChannelSettings s) {
        s.allow(FIELDS);
        Secret token = s.secret("token");
        Secret aesKey = s.optionalSecret("encodingAesKey");
        String appId = s.yaml().string("appId", null);
        if (aesKey != null) {
            if (!WeChatCrypto.isValidKey(aesKey.value())) {
                s.yaml().problem("encodingAesKey", "must be the 43-character EncodingAESKey from the account's "
                        + "server configuration (" + aesKey.source() + " is not)");
            }
            if (appId == null) {
                s.yaml().problem("appId", "required with encodingAesKey: a decrypted message must name this AppID");
            }
        }
        long max = s.yaml().integer("maxBodyBytes", 1024 * 1024, 1024, 16 * 1024 * 1024);
        return new WeChatConfig(s.name(), s.file(), s.enabled(), token, appId, aesKey, max);
    }

    @Override
    public String kind() {
        return ChannelRef.WECHAT;
    }

    @Override
    public WebhookChannel open() {
        return new WeChatWebhook(this);
    }
}
