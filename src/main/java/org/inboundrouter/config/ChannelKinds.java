package org.inboundrouter.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * The channel kinds a file in {@code config/channels/} may name with {@code kind:}, each with the reader of its
 * settings. Adding a kind of channel means one entry here, one config record and its routes; see README "Channels".
 */
public final class ChannelKinds {

    private static final Map<String, ChannelKind> KINDS = new TreeMap<>();

    static {
        KINDS.put("imap", s -> EmailChannelReader.read(s, EmailChannelConfig.Protocol.IMAP));
        KINDS.put("pop3", s -> EmailChannelReader.read(s, EmailChannelConfig.Protocol.POP3));
        KINDS.put("twilio-sms", org.inboundrouter.channel.sms.TwilioSmsConfig::read);
        KINDS.put("sms-gateway", org.inboundrouter.channel.sms.SmsGatewayConfig::read);
        KINDS.put("app-form", org.inboundrouter.channel.form.AppFormConfig::read);
        // further kinds register below, one line each
        KINDS.put("smtp", org.inboundrouter.channel.smtp.SmtpListenerConfig::read);
        KINDS.put("telegram", org.inboundrouter.channel.telegram.TelegramBotConfig::read);
        KINDS.put("telegram-webhook", org.inboundrouter.channel.telegram.TelegramWebhookConfig::read);
        KINDS.put("smpp", org.inboundrouter.channel.sms.smpp.SmppChannelConfig::read);
        KINDS.put("meta", org.inboundrouter.channel.meta.MetaConfig::read);
        KINDS.put("wechat", org.inboundrouter.channel.wechat.WeChatConfig::read);
        KINDS.put("x-webhook", org.inboundrouter.channel.x.XWebhookConfig::read);
        KINDS.put("x-dm", org.inboundrouter.channel.x.XDmConfig::read);
    }

    private ChannelKinds() {
    }

    public static ChannelKind get(String kind) {
        return KINDS.get(kind);
    }

    public static String known() {
        return String.join(", ", KINDS.keySet());
    }
}
