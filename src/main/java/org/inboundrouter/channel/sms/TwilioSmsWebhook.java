package org.inboundrouter.channel.sms;

import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.channel.webhook.FormBody;
import org.inboundrouter.channel.webhook.WebhookChannel;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.channel.webhook.WebhookReply;
import org.inboundrouter.channel.webhook.WebhookRequest;
import org.inboundrouter.channel.webhook.WebhookResult;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Party;

import java.util.List;

/**
 * An SMS arriving through Twilio: a form-encoded POST signed with the account's auth token. Answered with empty TwiML
 * (no automatic reply to the customer) once stored; Twilio retries on anything else, and the MessageSid makes a
 * retry a duplicate.
 */
final class TwilioSmsWebhook implements WebhookChannel {

    private static final String FORM = "application/x-www-form-urlencoded";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final TwilioSmsConfig config;
    private final ChannelRef channel;

    TwilioSmsWebhook(TwilioSmsConfig config) {
        this.config = config;
        this.channel = new ChannelRef(ChannelRef.SMS, config.name());
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
        if (!request.isPost()) {
            throw new WebhookRejected(405, null, "Twilio posts messages; " + request.method() + " is not used");
        }
        if (!FORM.equals(request.mediaType())) {
            throw WebhookRejected.unsupportedType(request.mediaType(), FORM);
        }
        String signature = request.header("x-twilio-signature");
        if (signature == null || signature.isBlank()) {
            throw WebhookRejected.unauthenticated("X-Twilio-Signature header missing");
        }
        FormBody form = FormBody.parse(request.body());
        if (!TwilioSignature.valid(config.authToken().value(), config.publicUrl(), form, signature)) {
            throw WebhookRejected.forbidden("X-Twilio-Signature does not match the request for " + config.publicUrl());
        }
        // the signature covers every parameter, repeats too; Twilio sends each once, so a repeat is refused
        form.requireUniqueNames();
        String sid = form.required("MessageSid");
        String from = form.required("From");
        ChatIntake intake = ChatIntake.from(channel, request.body())
                .dedupKey("twilio:" + sid).externalId(sid)
                .sender(Party.of(from)).recipient(Party.of(form.get("To")))
                .text(form.get("Body") == null ? "" : form.get("Body"))
                .receivedAt(request.receivedAt())
                .threadKey(from + ">" + form.get("To"))
                .header("twilio-account-sid", form.get("AccountSid"))
                .header("from-country", form.get("FromCountry"));
        int media = parseCount(form.get("NumMedia"));
        for (int i = 0; i < media; i++) {
            // media stays at Twilio (fetching needs the account's credentials): the agent gets the links
            intake.header("media-" + i, form.get("MediaContentType" + i) + " " + form.get("MediaUrl" + i));
        }
        return new WebhookResult(List.<Intake>of(intake.build()),
                new WebhookReply(200, "text/xml; charset=utf-8", EMPTY_TWIML.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static int parseCount(String value) throws WebhookRejected {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0 || n > 10) {
                throw WebhookRejected.malformed("NumMedia", "NumMedia must be 0 to 10, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw WebhookRejected.malformed("NumMedia", "NumMedia must be a number");
        }
    }
}
