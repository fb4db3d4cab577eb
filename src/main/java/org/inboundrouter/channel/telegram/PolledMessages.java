package org.inboundrouter.channel.telegram;

import org.apache.camel.component.telegram.model.Chat;
import org.apache.camel.component.telegram.model.IncomingAudio;
import org.apache.camel.component.telegram.model.IncomingDocument;
import org.apache.camel.component.telegram.model.IncomingMessage;
import org.apache.camel.component.telegram.model.IncomingPhotoSize;
import org.apache.camel.component.telegram.model.IncomingSticker;
import org.apache.camel.component.telegram.model.IncomingVideo;
import org.apache.camel.component.telegram.model.IncomingVoice;
import org.apache.camel.component.telegram.model.User;

import java.util.List;

/**
 * Reads what camel-telegram's polling consumer hands the route. It puts the Update's Message (or channel post,
 * callback query, ...) in the body and drops the Update itself; updates its model does not know, edited_message
 * among them, arrive with an empty body.
 */
final class PolledMessages {

    private PolledMessages() {
    }

    static TelegramUpdate update(Object body) {
        if (body instanceof IncomingMessage m) {
            return new TelegramUpdate(null, TelegramUpdate.MESSAGE, message(m));
        }
        String field = body == null ? "an update camel-telegram does not model (edited_message, reactions, ...)"
                : body.getClass().getSimpleName();
        return new TelegramUpdate(null, field, null);
    }

    private static TelegramChatMessage message(IncomingMessage m) {
        Chat chat = m.getChat();
        return new TelegramChatMessage(m.getMessageId() == null ? 0 : m.getMessageId(),
                chat == null ? null : chat.getId(), chat == null ? null : chat.getType(), user(m.getFrom()),
                m.getDate(), null, m.getText(), m.getCaption(), media(m));
    }

    private static TelegramUser user(User u) {
        if (u == null || u.getId() == null) {
            return null;
        }
        return new TelegramUser(u.getId(), u.isBot(), u.getFirstName(), u.getLastName(), u.getUsername(),
                u.getLanguageCode());
    }

    private static TelegramMedia media(IncomingMessage m) {
        List<IncomingPhotoSize> photo = m.getPhoto();
        if (photo != null && !photo.isEmpty()) {
            IncomingPhotoSize largest = photo.get(photo.size() - 1);
            return new TelegramMedia("photo", largest.getFileId(), null, null, largest.getFileSize(),
                    largest.getWidth(), largest.getHeight(), null);
        }
        IncomingDocument d = m.getDocument();
        if (d != null) {
            return new TelegramMedia("document", d.getFileId(), d.getFileName(), d.getMimeType(), d.getFileSize(),
                    null, null, null);
        }
        IncomingVideo v = m.getVideo();
        if (v != null) {
            return new TelegramMedia("video", v.getFileId(), v.getFileName(), v.getMimeType(), v.getFileSize(),
                    v.getWidth(), v.getHeight(), v.getDurationSeconds());
        }
        IncomingVoice voice = m.getVoice();
        if (voice != null) {
            return new TelegramMedia("voice", voice.getFileId(), null, voice.getMimeType(), voice.getFileSize(),
                    null, null, voice.getDuration());
        }
        IncomingAudio a = m.getAudio();
        if (a != null) {
            return new TelegramMedia("audio", a.getFileId(), null, a.getMimeType(), a.getFileSize(), null,
                    null, a.getDurationSeconds());
        }
        IncomingSticker s = m.getSticker();
        if (s != null) {
            return new TelegramMedia("sticker", s.getFileId(), null, null, s.getFileSize(), s.getWidth(),
                    s.getHeight(), null);
        }
        return null;
    }
}
