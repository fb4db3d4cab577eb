package org.inboundrouter.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Intake;
import org.inboundrouter.model.Party;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages of a WhatsApp Cloud API delivery ({@code object: whatsapp_business_account}):
 * {@code entry[].changes[].value.messages[]}, with the senders' profile names in {@code value.contacts[]}. Status
 * callbacks ({@code value.statuses}, the fate of what the desk sent) and other change fields carry no customer text
 * and are skipped. https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples
 */
final class WhatsAppMessages {

    private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");
    /** Not something a customer asks: a reaction to one of our messages, a number change notice. */
    private static final Set<String> SKIPPED = Set.of("reaction", "system");

    private WhatsAppMessages() {
    }

    static List<Intake> read(JsonNode root, byte[] raw, String channelName, Instant receivedAt)
            throws WebhookRejected {
        ChannelRef channel = new ChannelRef(ChannelRef.WHATSAPP, channelName);
        List<Intake> intakes = new ArrayList<>();
        List<JsonNode> entries = JsonBody.requiredArray(root, "", "entry");
        for (int e = 0; e < entries.size(); e++) {
            String entryPath = JsonBody.at("", "entry", e);
            List<JsonNode> changes = JsonBody.array(entries.get(e), entryPath, "changes");
            for (int c = 0; c < changes.size(); c++) {
                JsonNode change = changes.get(c);
                String changePath = JsonBody.at(entryPath, "changes", c);
                if (!"messages".equals(JsonBody.optionalText(change, changePath, "field"))) {
                    continue;
                }
                String valuePath = changePath + ".value";
                JsonNode value = JsonBody.object(change, changePath, "value");
                JsonNode metadata = JsonBody.optionalObject(value, valuePath, "metadata");
                Map<String, String> names = profileNames(value, valuePath);
                List<JsonNode> messages = JsonBody.array(value, valuePath, "messages");
                for (int m = 0; m < messages.size(); m++) {
                    Intake intake = message(channel, raw, receivedAt, messages.get(m),
                            JsonBody.at(valuePath, "messages", m), metadata, valuePath, names,
                            JsonBody.optionalText(entries.get(e), entryPath, "id"));
                    if (intake != null) {
                        intakes.add(intake);
                    }
                }
            }
        }
        return intakes;
    }

    private static Map<String, String> profileNames(JsonNode value, String valuePath) throws WebhookRejected {
        Map<String, String> names = new HashMap<>();
        List<JsonNode> contacts = JsonBody.array(value, valuePath, "contacts");
        for (int i = 0; i < contacts.size(); i++) {
            String path = JsonBody.at(valuePath, "contacts", i);
            String waId = JsonBody.optionalText(contacts.get(i), path, "wa_id");
            JsonNode profile = JsonBody.optionalObject(contacts.get(i), path, "profile");
            String name = profile == null ? null : JsonBody.optionalText(profile, path + ".profile", "name");
            if (waId != null && name != null && !name.isBlank()) {
                names.put(waId, name);
            }
        }
        return names;
    }

    private static Intake message(ChannelRef channel, byte[] raw, Instant receivedAt, JsonNode message, String path,
            JsonNode metadata, String valuePath, Map<String, String> names, String businessAccountId)
            throws WebhookRejected {
        String type = JsonBody.text(message, path, "type");
        if (SKIPPED.contains(type)) {
            return null;
        }
        String id = JsonBody.text(message, path, "id");
        String from = JsonBody.text(message, path, "from");
        String sender = e164(from);
        String phoneNumberId = metadata == null ? null
                : JsonBody.optionalText(metadata, valuePath + ".metadata", "phone_number_id");
        String displayNumber = metadata == null ? null
                : JsonBody.optionalText(metadata, valuePath + ".metadata", "display_phone_number");
        ChatIntake intake = ChatIntake.from(channel, raw)
                .dedupKey("whatsapp:" + id).externalId(id)
                .sender(new Party(sender, names.get(from)))
                .recipient(displayNumber == null ? null : Party.of(e164(displayNumber)))
                .sentAt(JsonBody.time(message, path, "timestamp", false))
                .receivedAt(receivedAt)
                .threadKey(phoneNumberId == null ? sender : phoneNumberId + ":" + sender)
                .header("whatsapp-message-type", type)
                .header("whatsapp-phone-number-id", phoneNumberId)
                .header("whatsapp-business-account-id", businessAccountId);
        JsonNode context = JsonBody.optionalObject(message, path, "context");
        if (context != null) {
            intake.header("reply-to", JsonBody.optionalText(context, path + ".context", "id"));
            if (context.path("forwarded").asBoolean(false) || context.path("frequently_forwarded").asBoolean(false)) {
                intake.header("forwarded", "true");
            }
        }
        JsonNode referral = JsonBody.optionalObject(message, path, "referral");
        if (referral != null) {
            intake.header("referral-source-url", JsonBody.optionalText(referral, path + ".referral", "source_url"));
        }
        intake.text(text(intake, type, message, path));
        return intake.build();
    }

    /** The customer's words for each message type; media and other non-text content is described in headers. */
    private static String text(ChatIntake intake, String type, JsonNode message, String path) throws WebhookRejected {
        String typePath = path + "." + type;
        if (type.equals("text")) {
            return JsonBody.text(JsonBody.object(message, path, "text"), typePath, "body");
        }
        if (MEDIA.contains(type)) {
            JsonNode media = JsonBody.object(message, path, type);
            intake.header("media-type", type)
                    .header("media-id", JsonBody.optionalText(media, typePath, "id"))
                    .header("media-mime-type", JsonBody.optionalText(media, typePath, "mime_type"))
                    .header("media-sha256", JsonBody.optionalText(media, typePath, "sha256"))
                    .header("media-filename", JsonBody.optionalText(media, typePath, "filename"));
            if (media.path("voice").asBoolean(false)) {
                intake.header("media-voice", "true");
            }
            String caption = JsonBody.optionalText(media, typePath, "caption");
            return caption == null ? "" : caption;
        }
        switch (type) {
            case "location" -> {
                JsonNode location = JsonBody.object(message, path, "location");
                intake.header("location", JsonBody.optionalText(location, typePath, "latitude") + ","
                        + JsonBody.optionalText(location, typePath, "longitude"));
                return joinLines(JsonBody.optionalText(location, typePath, "name"),
                        JsonBody.optionalText(location, typePath, "address"));
            }
            case "button" -> {
                JsonNode button = JsonBody.object(message, path, "button");
                intake.header("button-payload", JsonBody.optionalText(button, typePath, "payload"));
                return JsonBody.text(button, typePath, "text");
            }
            case "interactive" -> {
                return interactive(intake, JsonBody.object(message, path, "interactive"), typePath);
            }
            case "contacts" -> {
                return sharedContacts(JsonBody.array(message, path, "contacts"));
            }
            case "order" -> {
                JsonNode order = JsonBody.object(message, path, "order");
                intake.header("order-catalog-id", JsonBody.optionalText(order, typePath, "catalog_id"));
                String text = JsonBody.optionalText(order, typePath, "text");
                return text == null ? "" : text;
            }
            default -> {
                // "unsupported" and types newer than this code: kept, so an agent sees that the customer wrote
                JsonNode errors = message.path("errors");
                String why = errors.isArray() && !errors.isEmpty() ? errors.get(0).path("title").asText("") : "";
                intake.warning("WhatsApp message type " + type + " carries no text" + (why.isEmpty() ? "" : ": " + why));
                return "";
            }
        }
    }

    private static String interactive(ChatIntake intake, JsonNode interactive, String path) throws WebhookRejected {
        String kind = JsonBody.optionalText(interactive, path, "type");
        intake.header("interactive-type", kind);
        JsonNode reply = kind == null ? null : JsonBody.optionalObject(interactive, path, kind);
        if (reply == null) {
            return "";
        }
        String replyPath = path + "." + kind;
        intake.header("interactive-id", JsonBody.optionalText(reply, replyPath, "id"));
        return joinLines(JsonBody.optionalText(reply, replyPath, "title"),
                JsonBody.optionalText(reply, replyPath, "description"));
    }

    private static String sharedContacts(List<JsonNode> contacts) {
        List<String> lines = new ArrayList<>();
        for (JsonNode contact : contacts) {
            StringBuilder line = new StringBuilder(contact.path("name").path("formatted_name").asText(""));
            for (JsonNode phone : contact.path("phones")) {
                line.append(line.isEmpty() ? "" : " ").append(phone.path("phone").asText(""));
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
        }
        return String.join("\n", lines);
    }

    private static String joinLines(String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part);
            }
        }
        return String.join("\n", present);
    }

    /** WhatsApp ids are the number's digits without the plus (display numbers may carry spaces): E.164 wants +digits. */
    static String e164(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? number.trim() : "+" + digits;
    }
}
