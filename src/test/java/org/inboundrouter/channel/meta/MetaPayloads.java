package org.inboundrouter.channel.meta;

import java.nio.charset.StandardCharsets;

/** Meta's side of the conversation: payloads shaped as Meta documents them, serialized and signed as Meta does. */
final class MetaPayloads {

    private MetaPayloads() {
    }

    /**
     * Meta writes every non-ASCII character as a JSON escape, backslash u and four lower-case hex digits (UTF-16 units, so emoji become a
     * surrogate pair) and signs those bytes: the body on the wire is pure ASCII.
     */
    static byte[] asMetaSends(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x80) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static String whatsappText(String wamid, String waId, String name, String body) {
        return whatsapp(contact(waId, name), message(wamid, waId, "\"type\":\"text\",\"text\":{\"body\":"
                + quote(body) + "}"));
    }

    static String whatsapp(String contacts, String... messages) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":\
                {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",\
                "phone_number_id":"106540352242922"},"contacts":[%s],"messages":[%s]},"field":"messages"}]}]}"""
                .formatted(contacts, String.join(",", messages));
    }

    static String contact(String waId, String name) {
        return "{\"profile\":{\"name\":" + quote(name) + "},\"wa_id\":\"" + waId + "\"}";
    }

    static String message(String wamid, String from, String typeAndContent) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + (System.currentTimeMillis()
                / 1000) + "\"," + typeAndContent + "}";
    }

    /** A Messenger ({@code page}) or Instagram ({@code instagram}) delivery with the given messaging events. */
    static String messaging(String object, String recipientId, String... events) {
        return "{\"object\":\"" + object + "\",\"entry\":[{\"id\":\"" + recipientId + "\",\"time\":"
                + System.currentTimeMillis() + ",\"messaging\":[" + String.join(",", events) + "]}]}";
    }

    static String messagingText(String senderId, String recipientId, String mid, String text) {
        return "{\"sender\":{\"id\":\"" + senderId + "\"},\"recipient\":{\"id\":\"" + recipientId + "\"},"
                + "\"timestamp\":" + System.currentTimeMillis() + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":"
                + quote(text) + "}}";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
