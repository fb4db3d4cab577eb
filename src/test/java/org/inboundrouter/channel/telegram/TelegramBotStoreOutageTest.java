package org.inboundrouter.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.h2.tools.Server;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim the polled channel rests on: an update is confirmed to Telegram only after its message is stored. The
 * ticket store is an H2 server here, so the test can get in its way: once by stopping it (the pool then waits for a
 * connection), once by holding a lock on the ticket the message belongs to (the store fails fast with a lock timeout,
 * the pipeline gives up, and the channel must hold the poll and retry). Either way the update must stay unconfirmed
 * at the (local) Bot API until the message is stored.
 */
class TelegramBotStoreOutageTest {

    private static final String TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

    @TempDir
    Path dir;
    private FakeBotApi api;
    private Server store;
    private TestDaemon daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (store != null) {
            store.stop();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void anUpdateStaysUnconfirmedUntilItsMessageIsStored() throws Exception {
        int storePort = TestDaemon.freePort();
        store = startStore(storePort);
        api = FakeBotApi.start(TOKEN);
        daemon = TestDaemon.start(dir, Map.of("SUPPORT_BOT_TOKEN", TOKEN), Map.of("support-bot", """
                kind: telegram
                botToken: ${env:SUPPORT_BOT_TOKEN}
                baseUri: %s
                pollTimeout: 1s
                pollDelay: 50ms
                """.formatted(api.baseUri())),
                "inbound.store.url=jdbc:h2:tcp://127.0.0.1:" + storePort + "/tickets\n");

        api.offer("message", TelegramUpdates.zhangText(1700, "提现到银行卡一直没到账"));
        long ticket = daemon.awaitTickets(1).get(0).get("id").asLong();
        await(() -> api.unconfirmed().isEmpty());

        store.stop();
        long held = api.offer("message", TelegramUpdates.zhangText(1701, "已经三天了，提现还是没到账"));
        Thread.sleep(3000);
        assertThat(api.unconfirmed()).as("update confirmed to Telegram although it could not be stored")
                .contains(held);

        store = startStore(storePort);
        await(() -> api.unconfirmed().isEmpty());
        JsonNode messages = daemon.ticket(ticket).get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("text").asText()).isEqualTo("已经三天了，提现还是没到账");

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger inbound = (Logger) LoggerFactory.getLogger("inbound");
        inbound.addAppender(logs);
        try (Connection agent = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + storePort + "/tickets")) {
            agent.setAutoCommit(false);
            try (var lock = agent.prepareStatement("SELECT id FROM tickets WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, ticket);
                lock.executeQuery().close();
            }
            long blocked = api.offer("message", TelegramUpdates.zhangText(1702, "请给我回个电话"));
            await(() -> logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("holding the poll")));
            assertThat(api.unconfirmed()).as("update confirmed to Telegram although it could not be stored")
                    .contains(blocked);
            agent.commit();
        } finally {
            inbound.detachAppender(logs);
        }
        await(() -> api.unconfirmed().isEmpty());
        assertThat(daemon.ticket(ticket).get("messages")).hasSize(3);
        assertThat(daemon.tickets()).hasSize(1);
    }

    private Server startStore(int port) throws Exception {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists",
                "-baseDir", dir.resolve("store").toString()).start();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
