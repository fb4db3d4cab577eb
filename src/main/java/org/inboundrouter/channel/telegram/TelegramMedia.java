package org.inboundrouter.channel.telegram;

import java.util.StringJoiner;

/**
 * A file attached to a message (photo, document, video, voice, audio, video_note, animation, sticker). The bytes
 * stay at Telegram: fetching them needs the bot token ({@code getFile}), so the agent gets the file_id to do that.
 *
 * @param type     the Message field that carried it, e.g. {@code photo}
 * @param fileSize bytes, null when Telegram did not say
 */
public record TelegramMedia(String type, String fileId, String fileName, String mimeType, Long fileSize,
        Integer width, Integer height, Integer duration) {

    /** One line for the message's {@code telegram-media} header, e.g. {@code photo; file_id=AgAC...; 1280x960}. */
    public String describe() {
        StringJoiner d = new StringJoiner("; ");
        d.add(type);
        d.add("file_id=" + fileId);
        if (fileName != null) {
            d.add("file_name=" + fileName);
        }
        if (mimeType != null) {
            d.add("mime_type=" + mimeType);
        }
        if (width != null && height != null) {
            d.add(width + "x" + height);
        }
        if (duration != null) {
            d.add(duration + "s");
        }
        if (fileSize != null) {
            d.add(fileSize + " bytes");
        }
        return d.toString();
    }
}
