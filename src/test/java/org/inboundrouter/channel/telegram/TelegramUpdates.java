package org.inboundrouter.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.model.Json;

import java.io.UncheckedIOException;

/** Bot API objects shaped as Telegram sends them (https://core.telegram.org/bots/api#message). */
final class TelegramUpdates {

    static final long ZHANG_ID = 5838249871L;
    static final long LI_ID = 6120004417L;

    private TelegramUpdates() {
    }

    static String user(long id, String firstName, String username) {
        return """
                {"id": %d, "is_bot": false, "first_name": "%s", "username": "%s", "language_code": "zh-hans"}"""
                .formatted(id, firstName, username);
    }

    static String privateChat(long id, String firstName, String username) {
        return """
                {"id": %d, "first_name": "%s", "username": "%s", "type": "private"}""".formatted(id, firstName, username);
    }

    /** A text message in the private chat of 张三 (@zhangsan88) with the bot. */
    static JsonNode zhangText(long messageId, String text) {
        return json("""
                {"message_id": %d, "from": %s, "chat": %s, "date": 1717401600, "text": %s}"""
                .formatted(messageId, user(ZHANG_ID, "张三", "zhangsan88"), privateChat(ZHANG_ID, "张三", "zhangsan88"),
                        quote(text)));
    }

    /** A message in a supergroup the bot was added to. */
    static JsonNode groupText(long messageId, String text) {
        return json("""
                {"message_id": %d, "from": %s,
                 "chat": {"id": -1001987654321, "title": "钱包用户交流群", "type": "supergroup"},
                 "date": 1717401600, "text": %s}"""
                .formatted(messageId, user(LI_ID, "李四", "lisi_wallet"), quote(text)));
    }

    /** A post in a channel the bot administers: no "from", chat type channel. */
    static JsonNode channelPost(long messageId, String text) {
        return json("""
                {"message_id": %d, "sender_chat": {"id": -1002000000001, "title": "官方公告", "type": "channel"},
                 "chat": {"id": -1002000000001, "title": "官方公告", "type": "channel"},
                 "date": 1717401600, "text": %s}""".formatted(messageId, quote(text)));
    }

    /** A screenshot sent by 李四: Telegram lists the sizes it made, smallest first, and keeps the caption apart. */
    static JsonNode liPhoto(long messageId, String caption) {
        return json("""
                {"message_id": %d, "from": %s, "chat": %s, "date": 1717405200,
                 "photo": [
                   {"file_id": "AgACAgUAAxkBAAIBZ2ZkThumb", "file_unique_id": "AQADthumb", "file_size": 1432, "width": 90, "height": 67},
                   {"file_id": "AgACAgUAAxkBAAIBZ2ZkMedium", "file_unique_id": "AQADmed", "file_size": 21870, "width": 320, "height": 240},
                   {"file_id": "AgACAgUAAxkBAAIBZ2ZkLarge", "file_unique_id": "AQADlarge", "file_size": 182044, "width": 1280, "height": 960}
                 ],
                 "caption": %s}"""
                .formatted(messageId, user(LI_ID, "李四", "lisi_wallet"), privateChat(LI_ID, "李四", "lisi_wallet"),
                        quote(caption)));
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String text) {
        try {
            return Json.mapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
