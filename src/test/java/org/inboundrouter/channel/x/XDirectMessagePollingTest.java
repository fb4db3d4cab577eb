package org.inboundrouter.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kind: x-dm} against a local stand-in for X's v1.1 DM events list: camel-twitter and twitter4j make the real
 * HTTP requests (OAuth 1.0a signed, verified by the stand-in), and the result is read through the daemon's API.
 *
 * <p>twitter4j reads its API base URL from the system property {@code twitter4j.restBaseURL} each time a client is
 * built (not cached statically); camel-twitter offers no endpoint option for it. The property is set for the duration
 * of each test only and restored afterwards.
 */
class XDirectMessagePollingTest {

    private static final String CONSUMER_KEY = "xvz1evFS4wEEPTGEFPHBog";
    private static final String CONSUMER_SECRET = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw";
    private static final String DESK = "4337869213";
    private static final String ACCESS_TOKEN = DESK + "-NRYVw4THvJQqDEN9ppwcpVDMBH6Kv08WSN1V2ts";
    private static final String TOKEN_SECRET = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE";
    private static final String CUSTOMER = "3001969357";
    private static final String OTHER_CUSTOMER = "783214";
    private static final String PROPERTY = "twitter4j.restBaseURL";

    @TempDir
    Path dir;
    private FakeXApi x;
    private String previousBaseUrl;

    @BeforeEach
    void startX() throws Exception {
        x = new FakeXApi(CONSUMER_SECRET, TOKEN_SECRET);
        previousBaseUrl = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, x.restBaseUrl());
    }

    @AfterEach
    void stopX() {
        if (previousBaseUrl == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, previousBaseUrl);
        }
        x.close();
    }

    @Test
    void receivedMessagesBecomeTicketsAndOurOwnRepliesDoNot() throws Exception {
        x.add(event("1494130553112367101", "1644981600000", CUSTOMER, DESK, "我的账户被盗了，请立即冻结！"));
        x.add(event("1494130553112367102", "1644981660000", DESK, CUSTOMER, "您好，已为您冻结账户"));
        x.add(event("1494130553112367103", "1644981720000", OTHER_CUSTOMER, DESK, "How do I top up? &amp; is it free?"));

        try (TestDaemon daemon = start()) {
            JsonNode tickets = daemon.awaitTickets(2);
            assertThat(tickets).hasSize(2);
            JsonNode stolen = ticketOf(daemon, "x:" + CUSTOMER);
            assertThat(stolen.get("channel").get("kind").asText()).isEqualTo("x");
            assertThat(stolen.get("category").asText()).isEqualTo("account_security");
            assertThat(stolen.get("priority").asText()).isEqualTo("urgent");
            assertThat(stolen.get("messages")).hasSize(1);
            JsonNode message = stolen.get("messages").get(0);
            assertThat(message.get("text").asText()).isEqualTo("我的账户被盗了，请立即冻结！");
            assertThat(message.get("externalId").asText()).isEqualTo("1494130553112367101");
            assertThat(message.at("/conversation/threadKey").asText()).isEqualTo(CUSTOMER + "-" + DESK);
            assertThat(message.get("sentAt").asText()).isEqualTo("2022-02-16T03:20:00Z");
            assertThat(ticketOf(daemon, "x:" + OTHER_CUSTOMER).get("messages").get(0).get("text").asText())
                    .isEqualTo("How do I top up? & is it free?");
        }
        FakeXApi.Request first = x.requests().get(0);
        assertThat(first.signatureValid()).as("OAuth 1.0a signature verifies").isTrue();
        assertThat(first.oauth()).containsEntry("oauth_consumer_key", CONSUMER_KEY)
                .containsEntry("oauth_token", ACCESS_TOKEN);
        assertThat(first.query()).contains("count=50");
    }

    @Test
    void aNewMessageIsTakenOnceAlthoughEveryPollListsEverything() throws Exception {
        x.add(event("1494130553112367201", "1644981600000", CUSTOMER, DESK, "转账失败了"));
        try (TestDaemon daemon = start()) {
            daemon.awaitTickets(1);
            x.add(event("1494130553112367202", "1644981900000", CUSTOMER, DESK, "交易号 20240503123456"));
            JsonNode ticket = awaitMessages(daemon, "x:" + CUSTOMER, 2);
            int pollsSoFar = x.requests().size();
            awaitPolls(pollsSoFar + 2);

            assertThat(daemon.tickets()).hasSize(1);
            ticket = ticketOf(daemon, "x:" + CUSTOMER);
            assertThat(ticket.get("messages")).hasSize(2);
            assertThat(ticket.get("messages").get(1).get("text").asText()).isEqualTo("交易号 20240503123456");
        }
    }

    @Test
    void everyPageIsRead() throws Exception {
        x.pageSize(2);
        for (int i = 1; i <= 5; i++) {
            x.add(event("14941305531123673" + (10 + i), "16449816" + (10 + i) + "00000", "10" + i, DESK,
                    "问题 " + i));
        }
        try (TestDaemon daemon = start()) {
            assertThat(daemon.awaitTickets(5)).hasSize(5);
        }
        assertThat(x.requests()).anySatisfy(r -> assertThat(r.query()).contains("cursor=4"));
    }

    @Test
    void aRestartListsEverythingAgainAndStoresNothingTwice() throws Exception {
        x.add(event("1494130553112367401", "1644981600000", CUSTOMER, DESK, "退款什么时候到账"));
        x.add(event("1494130553112367402", "1644981660000", CUSTOMER, DESK, "订单号 123456789"));
        try (TestDaemon daemon = start()) {
            awaitMessages(daemon, "x:" + CUSTOMER, 2);
        }
        int before = x.requests().size();
        try (TestDaemon daemon = start()) {
            awaitPolls(before + 2);
            assertThat(daemon.tickets()).hasSize(1);
            assertThat(ticketOf(daemon, "x:" + CUSTOMER).get("messages")).hasSize(2);
        }
    }

    @Test
    void aFailedPollIsRetriedAndNothingIsLost() throws Exception {
        x.failNext(1);
        x.add(event("1494130553112367501", "1644981600000", CUSTOMER, DESK, "余额不对"));
        try (TestDaemon daemon = start()) {
            assertThat(daemon.awaitTickets(1)).hasSize(1);
        }
    }

    private TestDaemon start() throws Exception {
        return TestDaemon.start(dir, Map.of("X_CONSUMER_SECRET", CONSUMER_SECRET, "X_TOKEN_SECRET", TOKEN_SECRET),
                Map.of("x-dm", """
                        kind: x-dm
                        consumerKey: %s
                        consumerSecret: ${env:X_CONSUMER_SECRET}
                        accessToken: %s
                        accessTokenSecret: ${env:X_TOKEN_SECRET}
                        pollDelay: 1s
                        """.formatted(CONSUMER_KEY, ACCESS_TOKEN)));
    }

    private void awaitPolls(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (x.requests().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(x.requests().size()).isGreaterThanOrEqualTo(count);
    }

    private static JsonNode awaitMessages(TestDaemon daemon, String customer, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode ticket = null;
        while (System.nanoTime() < deadline) {
            ticket = ticketOf(daemon, customer);
            if (ticket != null && ticket.get("messages").size() >= count) {
                return ticket;
            }
            Thread.sleep(100);
        }
        assertThat(ticket).as("ticket of " + customer).isNotNull();
        assertThat(ticket.get("messages")).hasSize(count);
        return ticket;
    }

    private static JsonNode ticketOf(TestDaemon daemon, String customer) throws Exception {
        for (JsonNode t : daemon.tickets()) {
            if (t.get("customer").get("address").asText().equals(customer)) {
                return daemon.ticket(t.get("id").asLong());
            }
        }
        return null;
    }

    /** A DM event as X's v1.1 list returns it (message_create with entities). */
    private static String event(String id, String createdMillis, String sender, String recipient, String text) {
        return """
                {"type":"message_create","id":"%s","created_timestamp":"%s",
                "message_create":{"target":{"recipient_id":"%s"},"sender_id":"%s","source_app_id":"268278",
                "message_data":{"text":%s,"entities":{"hashtags":[],"symbols":[],"user_mentions":[],"urls":[]}}}}"""
                .formatted(id, createdMillis, recipient, sender, quote(text));
    }

    private static String quote(String text) {
        try {
            return Json.mapper().writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
