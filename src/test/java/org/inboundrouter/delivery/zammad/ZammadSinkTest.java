package org.inboundrouter.delivery.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.inboundrouter.config.Secret;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.model.Attachment;
import org.inboundrouter.model.Party;
import org.inboundrouter.model.Priority;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.inboundrouter.delivery.zammad.SinkFixtures.email;
import static org.inboundrouter.delivery.zammad.SinkFixtures.message;
import static org.inboundrouter.delivery.zammad.SinkFixtures.ticket;

class ZammadSinkTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    /** Longer than TIMEOUT: a stalled request outlives the client's patience. */
    private static final long STALL_MILLIS = 2500;

    private FakeZammad zammad;
    private ZammadSink sink;

    @BeforeEach
    void start() throws Exception {
        zammad = new FakeZammad(STALL_MILLIS);
        sink = new ZammadSink("zammad", config("Users", new Secret(FakeZammad.TOKEN, "test"), null, null));
    }

    @AfterEach
    void stop() {
        zammad.close();
    }

    @Test
    void createsATicketThatFindFindsAndAppendsToIt() throws Exception {
        TicketMessage first = message("email", email(), "退款迟迟不到账", "我的退款还没到账，订单号 123456");
        Ticket ticket = ticket(42, Priority.HIGH, first, List.of("refund", "service_complaint"));

        String remoteId = sink.create(ticket, first);

        ObjectNode created = zammad.tickets().get(0);
        assertThat(created.path("id").asText()).isEqualTo(remoteId);
        assertThat(created.path("title").asText()).isEqualTo("退款迟迟不到账");
        assertThat(created.path("priority_id").asInt()).isEqualTo(3);
        assertThat(zammad.tagsOf(Long.parseLong(remoteId)))
                .containsExactlyInAnyOrder("refund", "service_complaint", "inbound-router-42");
        JsonNode customer = zammad.user(created.path("customer_id").asLong());
        assertThat(customer.path("email").asText()).isEqualTo("zhangsan@example.cn");
        JsonNode article = zammad.articlesOf(Long.parseLong(remoteId)).get(0);
        assertThat(article.path("type").asText()).isEqualTo("email");
        assertThat(article.path("sender").asText()).isEqualTo("Customer");
        assertThat(article.path("internal").asBoolean()).isFalse();
        assertThat(article.path("content_type").asText()).isEqualTo("text/plain");
        assertThat(article.path("body").asText()).isEqualTo("我的退款还没到账，订单号 123456");
        assertThat(article.path("from").asText()).isEqualTo("\"Zhang San\" <zhangsan@example.cn>");

        assertThat(sink.find(42)).contains(remoteId);
        assertThat(sink.find(4)).isEmpty();
        assertThat(sink.find(43)).isEmpty();

        TicketMessage reply = message("email", email(), "Re: 退款迟迟不到账", "还没有到账",
                new Attachment("receipt.png", "image/png", 1234, "ab", false, true));
        sink.append(remoteId, ticket, reply);
        sink.append(remoteId, ticket, reply);

        List<ObjectNode> articles = zammad.articlesOf(Long.parseLong(remoteId));
        assertThat(articles).hasSize(2);
        assertThat(articles.get(1).path("sender").asText()).isEqualTo("Customer");
        assertThat(articles.get(1).path("body").asText())
                .isEqualTo("还没有到账\n\n[attachments kept by inbound-router: receipt.png]");
    }

    @Test
    void findReadsTheTagsBackInsteadOfTrustingTheSearch() throws Exception {
        long byHand = zammad.createTicketByHand("someone else's", "inbound-router-420");

        assertThat(sink.find(42)).isEmpty();
        assertThat(zammad.requests()).contains("GET /api/v1/tags");

        TicketMessage first = message("email", email(), "hello", "text");
        String remoteId = sink.create(ticket(42, Priority.NORMAL, first, List.of("other")), first);
        assertThat(remoteId).isNotEqualTo(Long.toString(byHand));
        assertThat(sink.find(42)).contains(remoteId);
    }

    @Test
    void smsCustomersAreFoundByPhoneOrCreatedOnce() throws Exception {
        Party phone = new Party("+8613800138000", null);
        TicketMessage first = message("sms", phone, null, "\n  我的账户被冻结了，怎么解锁？\n谢谢");
        sink.create(ticket(7, Priority.URGENT, first, List.of("account_locked_frozen")), first);

        // a fresh sink has no memory of the user: it must find the one created above through the search
        ZammadSink restarted = new ZammadSink("zammad", config("Users", new Secret(FakeZammad.TOKEN, "test"), null, null));
        TicketMessage again = message("sms", phone, null, "还是不行");
        restarted.create(ticket(8, Priority.NORMAL, again, List.of("account_locked_frozen")), again);

        assertThat(zammad.users()).hasSize(1);
        JsonNode user = zammad.users().get(0);
        assertThat(user.path("phone").asText()).isEqualTo("+8613800138000");
        assertThat(user.path("mobile").asText()).isEqualTo("+8613800138000");
        assertThat(user.path("firstname").asText()).isEqualTo("+8613800138000");
        List<ObjectNode> tickets = zammad.tickets();
        assertThat(tickets).extracting(t -> t.path("customer_id").asLong()).containsOnly(user.path("id").asLong());
        ObjectNode urgent = tickets.get(0);
        assertThat(urgent.path("title").asText()).isEqualTo("我的账户被冻结了，怎么解锁？");
        assertThat(urgent.path("priority_id").asInt()).isEqualTo(3);
        assertThat(zammad.tagsOf(urgent.path("id").asLong())).contains("urgent", "inbound-router-7");
        assertThat(zammad.articlesOf(urgent.path("id").asLong()).get(0).path("type").asText()).isEqualTo("sms");
    }

    @Test
    void directMessageCustomersGetALoginOfTheirAddress() throws Exception {
        Party telegram = new Party("tg:123456789", "Li Si @lisi");
        TicketMessage first = message("telegram", telegram, null, "提现失败");
        sink.create(ticket(9, Priority.NORMAL, first, List.of("withdrawal")), first);
        new ZammadSink("zammad", config("Users", new Secret(FakeZammad.TOKEN, "test"), null, null))
                .create(ticket(10, Priority.NORMAL, first, List.of("withdrawal")), first);

        assertThat(zammad.users()).hasSize(1);
        assertThat(zammad.users().get(0).path("login").asText()).isEqualTo("inbound-router:tg:123456789");
        assertThat(zammad.users().get(0).path("firstname").asText()).isEqualTo("Li Si @lisi");
        assertThat(zammad.articlesOf(1).get(0).path("type").asText()).isEqualTo("chat");
    }

    @Test
    void basicAuthWorksAndABadTokenIsPermanent() throws Exception {
        TicketMessage first = message("email", email(), "hi", "text");
        ZammadSink basic = new ZammadSink("zammad", config("Users", null, FakeZammad.USER,
                new Secret(FakeZammad.PASSWORD, "test")));
        assertThat(basic.create(ticket(1, Priority.LOW, first, List.of("other")), first)).isEqualTo("1");
        assertThat(zammad.tickets().get(0).path("priority_id").asInt()).isEqualTo(1);

        ZammadSink wrong = new ZammadSink("zammad", config("Users", new Secret("not-the-token", "test"), null, null));
        DeliveryException e = catchThrowableOfType(() -> wrong.find(1), DeliveryException.class);
        assertThat(e.permanent()).isTrue();
        assertThat(e.remoteAnswer()).startsWith("HTTP 401").doesNotContain(FakeZammad.TOKEN);
        assertThat(e.getMessage()).doesNotContain("not-the-token");
    }

    @Test
    void aRejectedTicketIsPermanentWithZammadsAnswer() {
        ZammadSink unknownGroup = new ZammadSink("zammad", config("Nope", new Secret(FakeZammad.TOKEN, "test"), null, null));
        TicketMessage first = message("email", email(), "hi", "text");

        DeliveryException e = catchThrowableOfType(
                () -> unknownGroup.create(ticket(1, Priority.NORMAL, first, List.of("other")), first),
                DeliveryException.class);

        assertThat(e.permanent()).isTrue();
        assertThat(e.remoteAnswer()).startsWith("HTTP 422").contains("No lookup value found for 'group'");
        assertThat(zammad.tickets()).isEmpty();
    }

    @Test
    void anAddressThatIsNoEmailMakesALoginCustomer() {
        TicketMessage first = message("form", new Party("not-an-address@", null), "hi", "text");
        DeliveryException e = catchThrowableOfType(
                () -> sink.create(ticket(1, Priority.NORMAL, first, List.of("other")), first),
                DeliveryException.class);
        assertThat(e).isNull();
        assertThat(zammad.users().get(0).path("login").asText()).isEqualTo("inbound-router:not-an-address@");
    }

    @Test
    void serverErrorsAndTimeoutsAreTransient() {
        TicketMessage first = message("email", email(), "hi", "text");
        Ticket ticket = ticket(5, Priority.NORMAL, first, List.of("other"));

        zammad.failNext(500);
        DeliveryException failed = catchThrowableOfType(() -> sink.create(ticket, first), DeliveryException.class);
        assertThat(failed.permanent()).isFalse();
        assertThat(failed.remoteAnswer()).startsWith("HTTP 500");

        zammad.failNext(429);
        assertThat(catchThrowableOfType(() -> sink.find(5), DeliveryException.class).permanent()).isFalse();

        zammad.stallNext();
        long started = System.nanoTime();
        DeliveryException slow = catchThrowableOfType(() -> sink.find(5), DeliveryException.class);
        assertThat(slow.permanent()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(STALL_MILLIS - 200));
    }

    @Test
    void aTicketCreatedAlthoughTheAnswerWasLostIsFound() throws Exception {
        TicketMessage first = message("email", email(), "hi", "text");
        Ticket ticket = ticket(77, Priority.NORMAL, first, List.of("other"));

        zammad.answerLate("POST /api/v1/tickets");
        DeliveryException lost = catchThrowableOfType(() -> sink.create(ticket, first), DeliveryException.class);

        assertThat(lost.permanent()).isFalse();
        assertThat(zammad.tickets()).hasSize(1);
        assertThat(sink.find(77)).contains(zammad.tickets().get(0).path("id").asText());
    }

    @Test
    void anAppendWhoseAnswerWasLostIsNotRepeated() throws Exception {
        TicketMessage first = message("email", email(), "hi", "text");
        Ticket ticket = ticket(78, Priority.NORMAL, first, List.of("other"));
        String remoteId = sink.create(ticket, first);
        TicketMessage reply = message("email", email(), "Re: hi", "more");

        zammad.answerLate("POST /api/v1/ticket_articles");
        assertThat(catchThrowableOfType(() -> sink.append(remoteId, ticket, reply), DeliveryException.class)
                .permanent()).isFalse();
        assertThat(zammad.articlesOf(Long.parseLong(remoteId))).hasSize(2);

        sink.append(remoteId, ticket, reply);

        assertThat(zammad.articlesOf(Long.parseLong(remoteId))).hasSize(2);
    }

    @Test
    void appendingToATicketZammadDoesNotHaveIsPermanent() {
        TicketMessage reply = message("email", email(), "Re: hi", "more");
        Ticket ticket = ticket(1, Priority.NORMAL, reply, List.of("other"));

        DeliveryException missing = catchThrowableOfType(() -> sink.append("999", ticket, reply),
                DeliveryException.class);
        assertThat(missing.permanent()).isTrue();
        assertThat(missing.remoteAnswer()).startsWith("HTTP 404");

        assertThat(catchThrowableOfType(() -> sink.append("RT-12", ticket, reply), DeliveryException.class)
                .permanent()).isTrue();
    }

    @Test
    void zammadPrioritiesAndTitles() {
        assertThat(ZammadSink.priorityId(Priority.LOW)).isEqualTo(1);
        assertThat(ZammadSink.priorityId(Priority.NORMAL)).isEqualTo(2);
        assertThat(ZammadSink.priorityId(Priority.HIGH)).isEqualTo(3);
        assertThat(ZammadSink.priorityId(Priority.URGENT)).isEqualTo(3);
        assertThat(ZammadSink.priorityId(null)).isEqualTo(2);

        TicketMessage empty = message("sms", new Party("+12025550123", null), null, "  ");
        assertThat(ZammadSink.title(ticket(1, Priority.NORMAL, empty, List.of("other")), empty))
                .isEqualTo("Message from +12025550123");
        TicketMessage longOne = message("sms", new Party("+12025550123", null), null, "x".repeat(300));
        assertThat(ZammadSink.title(ticket(1, Priority.NORMAL, longOne, List.of("other")), longOne)).hasSize(80);
    }

    private ZammadSinkConfig config(String group, Secret token, String user, Secret password) {
        return new ZammadSinkConfig(zammad.baseUrl(), token, user, password, group, TIMEOUT, "inbound-router-");
    }
}
