package org.inboundrouter.channel.x;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Json;
import org.inboundrouter.pipeline.Inbound;
import twitter4j.v1.DirectMessage;
import twitter4j.v1.MediaEntity;
import twitter4j.v1.URLEntity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the twitter4j {@link DirectMessage} camel-twitter hands over. twitter4j keeps no copy of X's JSON unless its
 * global JSON store is switched on, so the raw source kept with the message is the event rebuilt in X's documented
 * {@code message_create} shape from the fields twitter4j parsed.
 */
final class XDirectMessages {

    private final ChannelRef channel;
    private final String ourUserId;
    private final Clock clock;

    XDirectMessages(ChannelRef channel, String ourUserId, Clock clock) {
        this.channel = channel;
        this.ourUserId = ourUserId;
        this.clock = clock;
    }

    /** Leaves the Intake in the body, or null for a message that is not the customer's (our own outgoing ones). */
    void toIntake(Exchange exchange) throws Exception {
        DirectMessage message = exchange.getIn().getMandatoryBody(DirectMessage.class);
        XDirectMessage dm = from(message);
        byte[] raw = rawEvent(dm, message.getText());
        exchange.setProperty(Inbound.RAW, raw);
        if (dm.senderId().equals(ourUserId) || !dm.recipientId().equals(ourUserId)) {
            exchange.getIn().setBody(null);
            return;
        }
        exchange.getIn().setBody(XMessageIntake.build(channel, dm, Map.of(), ourUserId, raw, clock.instant()));
    }

    static XDirectMessage from(DirectMessage message) {
        String text = message.getText() == null ? "" : message.getText();
        URLEntity[] urls = message.getURLEntities();
        for (URLEntity url : urls == null ? new URLEntity[0] : urls) {
            if (url.getURL() != null && url.getExpandedURL() != null) {
                text = text.replace(url.getURL(), url.getExpandedURL());
            }
        }
        List<String> media = new ArrayList<>();
        MediaEntity[] entities = message.getMediaEntities();
        for (MediaEntity entity : entities == null ? new MediaEntity[0] : entities) {
            if (entity.getMediaURLHttps() != null) {
                media.add(entity.getMediaURLHttps());
            }
        }
        // twitter4j turns created_timestamp into a LocalDateTime in the JVM's zone; the same zone turns it back
        Instant created = message.getCreatedAt() == null ? null
                : message.getCreatedAt().atZone(ZoneId.systemDefault()).toInstant();
        return new XDirectMessage(Long.toUnsignedString(message.getId()), Long.toUnsignedString(message.getSenderId()),
                Long.toUnsignedString(message.getRecipientId()), text, created, media, null);
    }

    private static byte[] rawEvent(XDirectMessage dm, String text) throws Exception {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("type", "message_create");
        event.put("id", dm.id());
        if (dm.createdAt() != null) {
            event.put("created_timestamp", Long.toString(dm.createdAt().toEpochMilli()));
        }
        ObjectNode create = event.putObject("message_create");
        create.putObject("target").put("recipient_id", dm.recipientId());
        create.put("sender_id", dm.senderId());
        ObjectNode data = create.putObject("message_data");
        data.put("text", text == null ? "" : text);
        if (!dm.media().isEmpty()) {
            data.putObject("attachment").put("type", "media").putObject("media")
                    .put("media_url_https", dm.media().get(0));
        }
        return Json.mapper().writeValueAsBytes(event);
    }
}
