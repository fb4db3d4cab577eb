package org.inboundrouter.channel.telegram;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.channel.telegram.TelegramUpdates.LI_ID;
import static org.inboundrouter.channel.telegram.TelegramUpdates.ZHANG_ID;

/**
 * A polled bot ({@code kind: telegram}) against a local Bot API server: camel-telegram long-polls getUpdates there as
 * it would at api.telegram.org, and the tickets are read back through the daemon's HTTP API.
 */
class TelegramBotChannelTest {

    private static final String TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

    @TempDir
    Path dir;
    private FakeBotApi api;
    private TestDaemon daemon;

    @BeforeEach
    void startApi() throws Exception {
        api = FakeBotApi.start(TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        api.close();
    }

    private TestDaemon startDaemon() throws Exception {
        daemon = TestDaemon.start(dir, Map.of("SUPPORT_BOT_TOKEN", TOKEN), Map.of("support-bot", """
                kind: telegram
                botToken: ${env:SUPPORT_BOT_TOKEN}
                baseUri: %s
                pollTimeout: 1s
                pollDelay: 50ms
                """.formatted(api.baseUri())));
        return daemon;
    }

    @Test
    void aPrivateChineseMessageBecomesAClassifiedTicketAndTheNextOneJoinsIt() throws Exception {
        startDaemon();
        api.offer("message", TelegramUpdates.zhangText(1365, "我昨天充值了500元但是显示充值失败，交易号20240503123456"));

        JsonNode tickets = daemon.awaitTickets(1);
        assertThat(tickets).hasSize(1);
        long id = tickets.get(0).get("id").asLong();
        JsonNode ticket = daemon.ticket(id);
        assertThat(ticket.get("channel").get("kind").asText()).isEqualTo("telegram");
        assertThat(ticket.get("category").asText()).isEqualTo("topup");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("tg:" + ZHANG_ID);
        assertThat(ticket.get("customer").get("name").asText()).isEqualTo("张三 @zhangsan88");
        JsonNode first = ticket.get("messages").get(0);
        assertThat(first.get("text").asText()).isEqualTo("我昨天充值了500元但是显示充值失败，交易号20240503123456");
        assertThat(first.get("channel").get("name").asText()).isEqualTo("support-bot");
        assertThat(first.get("externalId").asText()).isEqualTo(ZHANG_ID + ":1365");
        assertThat(first.get("conversation").get("threadKey").asText()).isEqualTo(Long.toString(ZHANG_ID));
        assertThat(first.get("language").asText()).isEqualTo("zh");
        assertThat(first.get("headers").get("telegram-chat-id").asText()).isEqualTo(Long.toString(ZHANG_ID));

        api.offer("message", TelegramUpdates.zhangText(1366, "请尽快处理，钱已经扣了"));

        await(() -> messages(id) == 2);
        assertThat(daemon.tickets()).hasSize(1);
        assertThat(daemon.ticket(id).get("messages").get(1).get("text").asText()).isEqualTo("请尽快处理，钱已经扣了");
        // both updates confirmed by camel-telegram's next getUpdates (offset = last update_id + 1)
        await(() -> api.unconfirmed().isEmpty());
        assertThat(api.requests()).allMatch(r -> r.startsWith("GET /bot<token>/getUpdates"));
    }

    @Test
    void groupMessagesAndChannelPostsAreConsumedButOpenNoTicket() throws Exception {
        startDaemon();
        long group = api.offer("message", TelegramUpdates.groupText(88, "有人知道怎么提现吗"));
        long post = api.offer("channel_post", TelegramUpdates.channelPost(12, "系统维护通知：今晚22:00-24:00暂停充值"));
        api.offer("message", TelegramUpdates.zhangText(1400, "我的账户被冻结了，怎么解锁"));

        JsonNode tickets = daemon.awaitTickets(1);
        await(() -> api.unconfirmed().isEmpty());
        tickets = daemon.tickets();
        assertThat(tickets).hasSize(1);
        JsonNode messages = daemon.ticket(tickets.get(0).get("id").asLong()).get("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("text").asText()).isEqualTo("我的账户被冻结了，怎么解锁");
        assertThat(api.unconfirmed()).doesNotContain(group, post);
    }

    @Test
    void aPhotoWithACaptionKeepsTheCaptionAsTextAndDescribesTheLargestSize() throws Exception {
        startDaemon();
        api.offer("message", TelegramUpdates.liPhoto(77, "转账失败的截图，收款人没收到钱"));

        JsonNode tickets = daemon.awaitTickets(1);
        JsonNode ticket = daemon.ticket(tickets.get(0).get("id").asLong());
        assertThat(ticket.get("category").asText()).isEqualTo("transfer");
        assertThat(ticket.get("customer").get("address").asText()).isEqualTo("tg:" + LI_ID);
        JsonNode message = ticket.get("messages").get(0);
        assertThat(message.get("text").asText()).isEqualTo("转账失败的截图，收款人没收到钱");
        assertThat(message.get("headers").get("telegram-media").asText())
                .startsWith("photo; file_id=AgACAgUAAxkBAAIBZ2ZkLarge")
                .contains("1280x960", "182044 bytes");
    }

    @Test
    void anUpdateOfferedAgainAfterARestartIsNotStoredTwice() throws Exception {
        startDaemon();
        JsonNode update = TelegramUpdates.zhangText(1500, "退款什么时候到账？订单号 88812345");
        api.offer("message", update);
        JsonNode tickets = daemon.awaitTickets(1);
        long id = tickets.get(0).get("id").asLong();
        await(() -> api.unconfirmed().isEmpty());
        daemon.close();
        daemon = null;

        // the crash case: the process died before its next getUpdates confirmed the batch, so Telegram offers the
        // update again (same message) to the restarted bot, whose offset starts from nothing
        api.offer("message", update);
        startDaemon();
        await(() -> api.unconfirmed().isEmpty());
        api.offer("message", TelegramUpdates.zhangText(1501, "还没到账"));
        await(() -> messages(id) >= 2);

        assertThat(daemon.tickets()).hasSize(1);
        JsonNode messages = daemon.ticket(id).get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("text").asText()).isEqualTo("还没到账");
    }

    @Test
    void failedPollsAreLoggedWithoutTheBotTokenAndPollingRecovers() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger camel = (Logger) LoggerFactory.getLogger("org.apache.camel");
        Level camelLevel = camel.getLevel();
        camel.setLevel(Level.INFO); // as the shipped logback.xml has it
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            api.failNext(2);
            api.offer("message", TelegramUpdates.zhangText(1600, "忘记密码了，验证码一直收不到"));
            startDaemon();

            JsonNode tickets = daemon.awaitTickets(1);
            assertThat(tickets).hasSize(1);
            assertThat(tickets.get(0).get("category").asText()).isEqualTo("forgot_password_login");
        } finally {
            root.detachAppender(logs);
            camel.setLevel(camelLevel);
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            lines.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                lines.add(t.getMessage());
            }
        }
        assertThat(lines).anyMatch(l -> l != null && l.contains("support-bot: getUpdates failed"));
        String secretPart = TOKEN.substring(TOKEN.indexOf(':') + 1);
        assertThat(lines).noneMatch(l -> l != null && l.contains(secretPart));
    }

    private int messages(long ticketId) {
        try {
            return daemon.ticket(ticketId).get("messages").size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(50);
        }
    }
}
