package org.inboundrouter.model;

/**
 * Which channel a message came through: its kind and the instance name from config.
 *
 * <p>The kind is what the customer used, not how the router reached it: a text message is {@link #SMS} whether it came
 * through Twilio, an SMS gateway or an SMSC. Conversations are kept per kind and sender, so a customer texting the
 * same desk through two gateways still has one conversation.
 */
public record ChannelRef(String kind, String name) {

    public static final String EMAIL = "email";
    public static final String SMS = "sms";
    public static final String TELEGRAM = "telegram";
    public static final String WHATSAPP = "whatsapp";
    public static final String MESSENGER = "messenger";
    public static final String INSTAGRAM = "instagram";
    public static final String WECHAT = "wechat";
    public static final String X = "x";
    public static final String FORM = "form";
}
