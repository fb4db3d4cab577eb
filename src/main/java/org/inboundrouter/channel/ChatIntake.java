package org.inboundrouter.channel;

import org.inboundrouter.model.Attachment;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.ConversationHints;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Sha256;
import org.inboundrouter.model.TimeOrderedUuid;
import org.inboundrouter.text.LanguageDetector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@link Intake} of a short message (SMS, direct message, chat, form): one sender, plain text, no quoted
 * history, and the source's own id as the key that makes a redelivery a duplicate.
 *
 * <pre>{@code
 * Intake intake = ChatIntake.from(channel, raw)
 *         .dedupKey("twilio:" + sid).externalId(sid)
 *         .sender(Party.of("+8613800138000")).text(body)
 *         .build();
 * }</pre>
 */
public final class ChatIntake {

    private final ChannelRef channel;
    private final byte[] raw;
    private String dedupKey;
    private String externalId;
    private Party sender;
    private final List<Party> recipients = new ArrayList<>();
    private String subject;
    private String text = "";
    private Instant sentAt;
    private Instant receivedAt = Instant.now();
    private String threadKey;
    private final List<Attachment> attachments = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private ChatIntake(ChannelRef channel, byte[] raw) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    /** {@code raw} is what the platform sent (request body, PDU rendering, update JSON): kept as the message's source. */
    public static ChatIntake from(ChannelRef channel, byte[] raw) {
        return new ChatIntake(channel, raw);
    }

    /** Namespaced by source, e.g. {@code twilio:SM123}, {@code wechat:<MsgId>}; defaults to the raw bytes' hash. */
    public ChatIntake dedupKey(String key) {
        this.dedupKey = key;
        return this;
    }

    public ChatIntake externalId(String id) {
        this.externalId = id;
        return this;
    }

    /** The customer: a phone number in E.164, or the platform's user id, with a display name when known. */
    public ChatIntake sender(Party party) {
        this.sender = party;
        return this;
    }

    public ChatIntake recipient(Party party) {
        if (party != null && party.address() != null) {
            recipients.add(party);
        }
        return this;
    }

    /** A subject, for the kinds that have one (the help form); SMS and chats have none. */
    public ChatIntake subject(String subject) {
        this.subject = subject;
        return this;
    }

    public ChatIntake text(String text) {
        this.text = text == null ? "" : text.strip();
        return this;
    }

    public ChatIntake sentAt(Instant at) {
        this.sentAt = at;
        return this;
    }

    public ChatIntake receivedAt(Instant at) {
        this.receivedAt = Objects.requireNonNull(at);
        return this;
    }

    /** The platform's conversation (chat id, phone pair): kept for agents; threading goes by kind and sender. */
    public ChatIntake threadKey(String key) {
        this.threadKey = key;
        return this;
    }

    public ChatIntake attachment(Attachment attachment) {
        attachments.add(attachment);
        return this;
    }

    /** Source details worth keeping for audit (lower-case names), e.g. the platform's account or media count. */
    public ChatIntake header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    public ChatIntake warning(String warning) {
        warnings.add(warning);
        return this;
    }

    public Intake build() {
        String rawRef = "sha256:" + Sha256.hex(raw);
        String key = dedupKey != null ? dedupKey : rawRef;
        String language = subject == null ? text : subject + "\n" + text;
        InboundMessage message = new InboundMessage(TimeOrderedUuid.next(), channel, externalId,
                new ConversationHints(null, List.of(), threadKey), sender, recipients, subject, text, null, null,
                false, attachments, sentAt, receivedAt, LanguageDetector.detect(language), headers, rawRef, warnings);
        return new Intake(message, raw, List.of(), null, key);
    }
}
