package org.inboundrouter.channel.wechat;

import org.inboundrouter.channel.ChatIntake;
import org.inboundrouter.channel.webhook.WebhookRejected;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a customer said in each WeChat message type. Media stays at WeChat (MediaId, fetched with the account's access
 * token, valid three days): the agent gets the ids and links as headers, and the text is whatever words the message
 * has, such as the speech recognition of a voice message.
 */
final class WeChatMessageText {

    private WeChatMessageText() {
    }

    static String of(String type, Map<String, String> f, ChatIntake intake) throws WebhookRejected {
        switch (type) {
            case "text" -> {
                return WeChatWebhook.field(f, "Content");
            }
            case "image" -> {
                media(intake, "image", f).header("media-url", f.get("PicUrl"));
                return "";
            }
            case "voice" -> {
                media(intake, "voice", f).header("media-format", f.get("Format"));
                String recognition = f.get("Recognition");
                if (recognition != null && !recognition.isBlank()) {
                    intake.header("voice-recognition", "true");
                    return recognition;
                }
                return "";
            }
            case "video", "shortvideo" -> {
                media(intake, type, f).header("media-thumb-id", f.get("ThumbMediaId"));
                return "";
            }
            case "location" -> {
                if (f.get("Location_X") != null && f.get("Location_Y") != null) {
                    intake.header("location", f.get("Location_X").strip() + "," + f.get("Location_Y").strip());
                }
                intake.header("location-scale", f.get("Scale"));
                return lines(f.get("Label"));
            }
            case "link" -> {
                intake.header("link-url", f.get("Url"));
                return lines(f.get("Title"), f.get("Description"), f.get("Url"));
            }
            default -> {
                intake.warning("WeChat MsgType " + type + " is not one this desk knows; its fields are in the raw "
                        + "message");
                return "";
            }
        }
    }

    private static ChatIntake media(ChatIntake intake, String type, Map<String, String> f) {
        return intake.header("media-type", type).header("media-id", f.get("MediaId"));
    }

    private static String lines(String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part.strip());
            }
        }
        return String.join("\n", present);
    }
}
