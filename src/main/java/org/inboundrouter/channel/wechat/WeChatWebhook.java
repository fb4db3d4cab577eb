package org.inboundrouter.channel.wechat;

import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.channel.webhook.WebhookReply;
import org.inboundrouter.channel.webhook.WebhookRequest;
import org.inboundrouter.channel.webhook.WebhookResult;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Party;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WeChat Official Account's messages: the GET URL verification, then XML POSTs signed through the query string,
 * plain or (with {@code encrypt_type=aes}) encrypted. WeChat waits five seconds for an answer and then retries, up to
 * three times, so the answer is {@code success} as soon as the message is stored; a retry is a duplicate by MsgId.
 * Requests whose timestamp is more than five minutes off are refused: in plain mode the signature covers only the
 * token, timestamp and nonce, so a fresh timestamp is what keeps a captured query string from being reused.
 * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 */
final class WeChatWebhook implements WebhookChannel {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Set<String> XML = Set.of("text/xml", "application/xml");
    private static final String SUCCESS = "success";

    private final WeChatConfig config;
    private final ChannelRef channel;
    private final WeChatCrypto crypto;

    WeChatWebhook(WeChatConfig config) {
        this.config = config;
        this.channel = new ChannelRef(ChannelRef.WECHAT, config.name());
        this.crypto = config.encodingAesKey() == null ? null
                : new WeChatCrypto(config.encodingAesKey().value(), config.appId());
    }

    @Override
    public ChannelRef channel() {
        return channel;
    }

    @Override
    public long maxBodyBytes() {
        return config.maxBodyBytes();
    }

    @Override
    public WebhookResult handle(WebhookRequest request) throws WebhookRejected {
        if (request.isGet()) {
            return WebhookResult.nothing(verifyUrl(request));
        }
        if (!request.isPost()) {
            throw new WebhookRejected(405, null, "WeChat sends GET and POST; " + request.method() + " is not used");
        }
        if (!XML.contains(request.mediaType())) {
            throw WebhookRejected.unsupportedType(request.mediaType(), "text/xml");
        }
        String timestamp = required(request, "timestamp");
        String nonce = required(request, "nonce");
        byte[] xml;
        boolean encrypted = "aes".equalsIgnoreCase(request.query("encrypt_type"));
        if (encrypted) {
            xml = decrypt(request, timestamp, nonce);
        } else {
            String signature = required(request, "signature");
            if (!WeChatSignature.valid(signature, token(), timestamp, nonce)) {
                throw WebhookRejected.forbidden("signature does not match token, timestamp and nonce");
            }
            xml = request.body();
        }
        checkFresh("timestamp", timestamp, request.receivedAt());
        Map<String, String> fields = WeChatXml.parse(xml);
        String type = field(fields, "MsgType");
        if (type.equals("event")) {
            // subscribe, unsubscribe, menu clicks, template delivery reports: no customer words
            return WebhookResult.nothing(WebhookReply.text(SUCCESS));
        }
        Instant created = checkFresh("CreateTime", field(fields, "CreateTime"), request.receivedAt());
        String msgId = field(fields, "MsgId");
        String openId = field(fields, "FromUserName");
        String account = field(fields, "ToUserName");
        ChatIntake intake = ChatIntake.from(channel, xml)
                .dedupKey("wechat:" + msgId).externalId(msgId)
                .sender(Party.of("wechat:" + openId)).recipient(Party.of(account))
                .sentAt(created).receivedAt(request.receivedAt())
                .threadKey(account + ":" + openId)
                .header("wechat-msg-type", type)
                .header("wechat-encrypted", encrypted ? "aes" : null);
        intake.text(WeChatMessageText.of(type, fields, intake));
        return new WebhookResult(List.of(intake.build()), WebhookReply.text(SUCCESS));
    }

    /** The server configuration's URL check: the same signature, and {@code echostr} sent back as it came. */
    private WebhookReply verifyUrl(WebhookRequest request) throws WebhookRejected {
        String signature = required(request, "signature");
        String timestamp = required(request, "timestamp");
        String nonce = required(request, "nonce");
        if (!WeChatSignature.valid(signature, token(), timestamp, nonce)) {
            throw WebhookRejected.forbidden("signature does not match token, timestamp and nonce");
        }
        checkFresh("timestamp", timestamp, request.receivedAt());
        String echo = request.query("echostr");
        if (echo == null || echo.isEmpty()) {
            throw WebhookRejected.malformed("echostr", "echostr missing");
        }
        return WebhookReply.text(echo);
    }

    /** Safe mode: {@code msg_signature} covers the {@code Encrypt} element, which holds the message and the AppID. */
    private byte[] decrypt(WebhookRequest request, String timestamp, String nonce) throws WebhookRejected {
        if (crypto == null) {
            throw WebhookRejected.malformed("encrypt_type", "encrypt_type=aes but this channel has no encodingAesKey;"
                    + " set it or switch the account to plain mode (明文模式)");
        }
        String msgSignature = required(request, "msg_signature");
        String encrypt = field(WeChatXml.parse(request.body()), "Encrypt");
        if (!WeChatSignature.valid(msgSignature, token(), timestamp, nonce, encrypt)) {
            throw WebhookRejected.forbidden("msg_signature does not match token, timestamp, nonce and Encrypt");
        }
        try {
            return crypto.decrypt(encrypt).getBytes(StandardCharsets.UTF_8);
        } catch (WeChatCrypto.DecryptionFailed e) {
            throw WebhookRejected.forbidden("Encrypt cannot be read with this channel's key and AppID: "
                    + e.getMessage());
        }
    }

    private String token() {
        return config.token().value();
    }

    /** A missing signature part means an unauthenticated request. */
    private static String required(WebhookRequest request, String param) throws WebhookRejected {
        String value = request.query(param);
        if (value == null || value.isBlank()) {
            throw WebhookRejected.unauthenticated("query parameter " + param + " missing");
        }
        return value;
    }

    static String field(Map<String, String> fields, String name) throws WebhookRejected {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw WebhookRejected.malformed(name, "required element <" + name + "> is missing");
        }
        return value.trim();
    }

    private static Instant checkFresh(String name, String seconds, Instant now) throws WebhookRejected {
        Instant at;
        try {
            at = Instant.ofEpochSecond(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw WebhookRejected.malformed(name, name + " must be a Unix time in seconds");
        }
        if (Duration.between(at, now).abs().compareTo(MAX_SKEW) > 0) {
            throw WebhookRejected.forbidden(name + " is more than five minutes from the desk's clock "
                    + "(a replayed request, or a clock out of sync)");
        }
        return at;
    }
}
