package org.inboundrouter.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.channel.telegram.TelegramUpdates.LI_ID;
import static org.inboundrouter.channel.telegram.TelegramUpdates.ZHANG_ID;

/**
 * A bot's webhook ({@code kind: telegram-webhook}) driven as Telegram drives it after setWebhook with a secret_token:
 * one Update per POST, {@code Content-Type: application/json}, the secret in X-Telegram-Bot-Api-Secret-Token.
 */
class TelegramWebhookTest {

    private static final String SECRET = "f3a9c1d27e5b4a0c9e8d7f6a5b4c3d2e";
    private static final String PATH = "/webhooks/support-bot-hook";

    @TempDir
    Path dir;
    private TestDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("TG_WEBHOOK_SECRET", SECRET), Map.of("support-bot-hook", """
                kind: telegram-webhook
                secretToken: ${env:TG_WEBHOOK_SECRET}
                botId: 7012345678
                maxBodyBytes: 65536
                """));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    void anUpdateWithTheRightSecretIsStoredAndAnsweredWithAnEmpty200() throws Exception {
        HttpResponse<String> response = post(SECRET, update(725000101, "message",
                TelegramUpdates.zhangText(2001, "我的账户被盗了，有人转走了500元，请立即冻结！")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("telegram");
        assertThat(ticket.get("category").asText()).isEqualTo("account_security");
        assertThat(ticket.get("priority").asText()).isEqualTo("urgent");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("tg:" + ZHANG_ID);
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo("我的账户被盗了，有人转走了500元，请立即冻结！");
        assertThat(message.get("headers").get("telegram-update-id").asText()).isEqualTo("725000101");
        assertThat(message.get("sentAt").asText()).startsWith("2024-06-03T08:00:00");
        // the raw source is the bytes Telegram posted
        String rawRef = message.get("rawRef").asText();
        assertThat(daemon.get("/api/raw/" + rawRef.substring("sha256:".length())).body()).contains("\"update_id\": 725000101");
    }

    @Test
    void telegramRedeliveringTheSameUpdateStoresItOnce() throws Exception {
        String body = update(725000102, "message", TelegramUpdates.zhangText(2002, "转账失败了"));
        assertThat(post(SECRET, body).statusCode()).isEqualTo(200);
        assertThat(post(SECRET, body).statusCode()).isEqualTo(200);

        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        assertThat(daemon.ticket(tickets.get(0).get("id").asLong()).get("messages")).hasSize(1);
    }

    @Test
    void aMissingSecretIs401AndAWrongOneIs403AndNothingIsStored() throws Exception {
        String body = update(725000103, "message", TelegramUpdates.zhangText(2003, "退款什么时候到账"));

        HttpResponse<String> missing = daemon.post(PATH, "application/json", Map.of(), body);
        HttpResponse<String> wrong = post("f3a9c1d27e5b4a0c9e8d7f6a5b4c3d2f", body);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("X-Telegram-Bot-Api-Secret-Token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain(SECRET).doesNotContain("退款");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void malformedUpdatesAre400NamingTheField() throws Exception {
        HttpResponse<String> notJson = post(SECRET, "{\"update_id\": 725000104, \"message\": {");
        HttpResponse<String> noUpdateId = post(SECRET, "{\"message\": " + TelegramUpdates.zhangText(2004, "充值") + "}");
        HttpResponse<String> noChat = post(SECRET,
                "{\"update_id\": 725000105, \"message\": {\"message_id\": 2005, \"date\": 1717401600, \"text\": \"充值\"}}");
        HttpResponse<String> stringChatId = post(SECRET, """
                {"update_id": 725000106, "message": {"message_id": 2006, "date": 1717401600,
                 "chat": {"id": "5838249871", "type": "private"}, "text": "充值"}}""");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(field(notJson)).isEqualTo("body");
        assertThat(noUpdateId.statusCode()).isEqualTo(400);
        assertThat(field(noUpdateId)).isEqualTo("update_id");
        assertThat(noChat.statusCode()).isEqualTo(400);
        assertThat(field(noChat)).isEqualTo("message.chat");
        assertThat(stringChatId.statusCode()).isEqualTo(400);
        assertThat(field(stringChatId)).isEqualTo("message.chat.id");
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIs415() throws Exception {
        String body = update(725000107, "message", TelegramUpdates.zhangText(2007, "充值失败"));

        HttpResponse<String> form = daemon.post(PATH, "application/x-www-form-urlencoded",
                Map.of(TelegramWebhook.SECRET_HEADER, SECRET), "update=" + body);

        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void groupMessagesAndCallbackQueriesAreAcknowledgedButNotStored() throws Exception {
        HttpResponse<String> group = post(SECRET, update(725000108, "message",
                TelegramUpdates.groupText(90, "有人知道怎么提现吗")));
        HttpResponse<String> post = post(SECRET, update(725000109, "channel_post",
                TelegramUpdates.channelPost(13, "系统维护通知")));
        HttpResponse<String> callback = post(SECRET, """
                {"update_id": 725000110, "callback_query": {"id": "4382bfdwdsb323b2d9", "from": %s,
                 "chat_instance": "-7410292712938349421", "data": "rate:5"}}"""
                .formatted(TelegramUpdates.user(ZHANG_ID, "张三", "zhangsan88")));

        assertThat(group.statusCode()).isEqualTo(200);
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(daemon.tickets()).isEmpty();
    }

    @Test
    void anEditIsStoredAsANewMessageMarkedAsAnEdit() throws Exception {
        post(SECRET, update(725000111, "message", TelegramUpdates.zhangText(2011, "我转账给朋友500元，对方没收到")));
        JsonNode edited = TelegramUpdates.zhangText(2011, "我转账给朋友800元，对方没收到");
        ((com.fasterxml.jackson.databind.node.ObjectNode) edited).put("edit_date", 1717401700);
        HttpResponse<String> response = post(SECRET, update(725000112, "edited_message", edited));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode messages = daemon.ticket(tickets.get(0).get("id").asLong()).get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("text").asText()).contains("500元");
        assertThat(messages.get(0).get("headers").has("telegram-edit")).isFalse();
        assertThat(messages.get(1).get("text").asText()).contains("800元");
        assertThat(messages.get(1).get("headers").get("telegram-edit").asText())
                .isEqualTo("edit of message 2011 at 2024-06-03T08:01:40Z");
    }

    @Test
    void aDocumentWithACaptionKeepsItsNameAndTypeInTheMediaHeader() throws Exception {
        HttpResponse<String> response = post(SECRET, update(725000113, "message", TelegramUpdates.json("""
                {"message_id": 310, "from": %s, "chat": %s, "date": 1717405200,
                 "document": {"file_name": "交易记录.pdf", "mime_type": "application/pdf",
                   "file_id": "BQACAgUAAxkBAAIBaGZkDoc", "file_unique_id": "AgADdoc", "file_size": 48213},
                 "caption": "这是我的交易记录，申诉重复扣款"}"""
                .formatted(TelegramUpdates.user(LI_ID, "李四", "lisi_wallet"),
                        TelegramUpdates.privateChat(LI_ID, "李四", "lisi_wallet")))));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ticket = daemon.ticket(daemon.tickets().get(0).get("id").asLong());
        assertThat(ticket.get("category").asText()).isEqualTo("transaction_dispute");
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo("这是我的交易记录，申诉重复扣款");
        assertThat(message.get("headers").get("telegram-media").asText()).isEqualTo(
                "document; file_id=BQACAgUAAxkBAAIBaGZkDoc; file_name=交易记录.pdf; mime_type=application/pdf; 48213 bytes");
    }

    private HttpResponse<String> post(String secret, String body) throws Exception {
        return daemon.post(PATH, "application/json", Map.of(TelegramWebhook.SECRET_HEADER, secret), body);
    }

    private static String update(long updateId, String field, JsonNode payload) {
        return "{\"update_id\": " + updateId + ", \"" + field + "\": " + payload + "}";
    }

    private static String field(HttpResponse<String> response) throws Exception {
        JsonNode error = Json.mapper().readTree(response.body());
        return error.path("field").asText(null);
    }
}
