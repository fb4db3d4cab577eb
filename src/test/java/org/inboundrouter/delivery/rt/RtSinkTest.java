package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.config.Secret;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Json;
import org.inboundrouter.model.Priority;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RT sink against a real Request Tracker 5 on loopback (skipped where RT is not installed). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RtSinkTest {

    @RegisterExtension
    static final RequestTrackerExtension RT = new RequestTrackerExtension();

    private static final ChannelRef EMAIL = new ChannelRef(ChannelRef.EMAIL, "support-cn");
    private static final ChannelRef SMS = new ChannelRef(ChannelRef.SMS, "twilio-cn");
    private static final AtomicLong IDS = new AtomicLong(1000);

    private static RtSink sink(String queue, String password) {
        return new RtSink("rt", new RtSinkConfig(RT.baseUrl(), queue, RT.username(), new Secret(password, "test"),
                null, RtSinkConfig.DEFAULT_SYNTHETIC_DOMAIN, Duration.ofSeconds(10), RtPriorities.defaults()));
    }

    private static RtSink sink() {
        return sink("Support", RT.password());
    }

    @Test
    @Order(1)
    void createsATicketWithRequestorSubjectContentCustomFieldsAndPriority() throws Exception {
        long id = IDS.incrementAndGet();
        TicketMessage first = RtFixtures.message(EMAIL, "zhangsan@example.cn", "充值失败，请尽快处理",
                "我昨天充值了500元但是显示充值失败，交易号20240503123456");
        Ticket ticket = RtFixtures.ticket(id, EMAIL, "zhangsan@example.cn", "充值失败，请尽快处理", "topup",
                Priority.HIGH, first);

        long t0 = System.nanoTime();
        String remote = sink().create(ticket, first);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("RT: create (POST + read-back) " + ms + " ms");

        JsonNode t = get("ticket/" + remote);
        assertThat(t.path("Subject").asText()).isEqualTo("充值失败，请尽快处理 [#" + id + "]");
        assertThat(t.path("Requestor").get(0).path("id").asText()).isEqualTo("zhangsan@example.cn");
        assertThat(t.path("Priority").asText()).isEqualTo("70");
        assertThat(customField(t, "Category")).containsExactly("topup");
        assertThat(customField(t, "InboundRouterId")).containsExactly(Long.toString(id));
        assertThat(customField(t, "Channel")).containsExactly("email/support-cn");
        assertThat(contents(remote, "Create")).containsExactly("我昨天充值了500元但是显示充值失败，交易号20240503123456");
    }

    @Test
    @Order(2)
    void findsTheTicketByOurIdAndNothingForAnUnknownId() throws Exception {
        long id = IDS.incrementAndGet();
        TicketMessage first = RtFixtures.message(EMAIL, "lisi@example.cn", "退款", "退款迟迟不到账");
        String remote = sink().create(RtFixtures.ticket(id, EMAIL, "lisi@example.cn", "退款", "refund",
                Priority.NORMAL, first), first);

        long t0 = System.nanoTime();
        Optional<String> found = sink().find(id);
        System.out.println("RT: find " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");

        assertThat(found).contains(remote);
        assertThat(sink().find(987_654_321L)).isEmpty();
    }

    @Test
    @Order(3)
    void appendAddsCorrespondenceToTheTicketHistory() throws Exception {
        long id = IDS.incrementAndGet();
        TicketMessage first = RtFixtures.message(EMAIL, "wangwu@example.cn", "提现", "提现三天了还没到");
        Ticket ticket = RtFixtures.ticket(id, EMAIL, "wangwu@example.cn", "提现", "withdrawal", Priority.NORMAL, first);
        String remote = sink().create(ticket, first);
        TicketMessage reply = RtFixtures.message(EMAIL, "wangwu@example.cn", "Re: 提现 [#" + id + "]",
                "补充一下：提现金额1000元，订单号W123456");

        long t0 = System.nanoTime();
        sink().append(remote, ticket, reply);
        System.out.println("RT: append " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");

        assertThat(contents(remote, "Correspond")).containsExactly("补充一下：提现金额1000元，订单号W123456");
    }

    @Test
    @Order(4)
    void anSmsCustomerGetsTheSyntheticRequestorAndASubjectFromTheText() throws Exception {
        long id = IDS.incrementAndGet();
        TicketMessage first = RtFixtures.message(SMS, "+8613800138000", null, "我的账户被冻结了\n请帮忙解锁");
        String remote = sink().create(RtFixtures.ticket(id, SMS, "+8613800138000", null, "account_locked_frozen",
                Priority.URGENT, first), first);

        JsonNode t = get("ticket/" + remote);
        assertThat(t.path("Requestor").get(0).path("id").asText()).isEqualTo("sms+8613800138000@customers.invalid");
        assertThat(t.path("Subject").asText()).isEqualTo("我的账户被冻结了 [#" + id + "]");
        assertThat(t.path("Priority").asText()).isEqualTo("90");
        assertThat(customField(t, "Channel")).containsExactly("sms/twilio-cn");
    }

    @Test
    @Order(5)
    void aCategoryRtDoesNotListIsAPermanentFailureWithTheRemoteAnswer() {
        long id = IDS.incrementAndGet();
        TicketMessage first = RtFixtures.message(EMAIL, "zhao@example.cn", "?", "?");
        Ticket ticket = RtFixtures.ticket(id, EMAIL, "zhao@example.cn", "?", "no_such_category", Priority.LOW, first);

        assertThatThrownBy(() -> sink().create(ticket, first))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("no_such_category");
                    assertThat(e.remoteAnswer()).contains("Category");
                });
    }

    @Test
    @Order(6)
    void aMissingQueueAndAWrongPasswordArePermanent() {
        long id = IDS.incrementAndGet();
        TicketMessage first = RtFixtures.message(EMAIL, "qian@example.cn", "x", "x");
        Ticket ticket = RtFixtures.ticket(id, EMAIL, "qian@example.cn", "x", "other", Priority.LOW, first);

        assertThatThrownBy(() -> sink("NoSuchQueue", RT.password()).create(ticket, first))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.remoteAnswer()).startsWith("HTTP 403");
                });
        assertThatThrownBy(() -> sink("Support", "wrong").find(id))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.remoteAnswer()).startsWith("HTTP 401");
                });
    }

    @Test
    @Order(7)
    void aTokenWorksInsteadOfAPassword() throws Exception {
        RtSink withToken = new RtSink("rt", new RtSinkConfig(RT.baseUrl(), "Support", null, null,
                new Secret(RT.token(), "test"), "customers.invalid", Duration.ofSeconds(10), RtPriorities.defaults()));
        long id = IDS.incrementAndGet();
        TicketMessage first = RtFixtures.message(new ChannelRef(ChannelRef.TELEGRAM, "bot"), "Alice_W", null,
                "hello, my transfer is pending");
        String remote = withToken.create(RtFixtures.ticket(id, new ChannelRef(ChannelRef.TELEGRAM, "bot"), "Alice_W",
                null, "transfer", Priority.NORMAL, first), first);

        assertThat(withToken.find(id)).contains(remote);
        JsonNode t = get("ticket/" + remote);
        assertThat(t.path("Requestor").get(0).path("id").asText())
                .isEqualTo("telegram+alice_w.c361d5ad@customers.invalid");
    }

    @Test
    @Order(100)
    void whenRtIsDownDeliveriesFailTransiently() throws Exception {
        RT.stop();
        long id = IDS.incrementAndGet();
        TicketMessage first = RtFixtures.message(EMAIL, "sun@example.cn", "x", "x");
        Ticket ticket = RtFixtures.ticket(id, EMAIL, "sun@example.cn", "x", "other", Priority.LOW, first);

        assertThatThrownBy(() -> sink().create(ticket, first))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
        assertThatThrownBy(() -> sink().find(id))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
    }

    // --- reading RT directly, as the root of truth

    private static JsonNode get(String path) throws Exception {
        String auth = Base64.getEncoder().encodeToString((RT.username() + ":" + RT.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(RT.baseUrl() + "/REST/2.0/" + path))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static List<String> customField(JsonNode ticket, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode cf : ticket.path("CustomFields")) {
            if (name.equals(cf.path("name").asText())) {
                cf.path("values").forEach(v -> values.add(v.asText()));
            }
        }
        return values;
    }

    /** The text of the ticket's transactions of {@code type} (Create, Correspond), oldest first. */
    private static List<String> contents(String remote, String type) throws Exception {
        List<String> texts = new ArrayList<>();
        for (JsonNode tx : get("ticket/" + remote + "/history?per_page=100&fields=Type").path("items")) {
            if (type.equals(tx.path("Type").asText())) {
                for (JsonNode a : get("transaction/" + tx.path("id").asText()
                        + "/attachments?fields=Content,ContentType").path("items")) {
                    if (a.path("ContentType").asText().equals("text/plain")) {
                        texts.add(a.path("Content").asText().strip());
                    }
                }
            }
        }
        return texts;
    }
}
