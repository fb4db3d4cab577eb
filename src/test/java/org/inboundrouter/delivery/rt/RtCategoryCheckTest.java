package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.config.Secret;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Json;
import org.inboundrouter.model.Priority;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Category pre-check of the RT sink, and how it completes a ticket RT made without its category, against a real
 * Request Tracker 5 whose Category values the test changes as root (skipped where RT is not installed).
 */
class RtCategoryCheckTest {

    @RegisterExtension
    static final RequestTrackerExtension RT = new RequestTrackerExtension();

    private static final ChannelRef SMS = new ChannelRef(ChannelRef.SMS, "gw");
    private static final AtomicLong IDS = new AtomicLong(5000);
    private static RtRest api;
    private static RtRest root;

    @BeforeAll
    static void clients() throws Exception {
        api = RtRest.asApiUser(RT);
        root = RtRest.asRoot(RT);
    }

    private static RtSink sink() {
        return new RtSink("rt", new RtSinkConfig(RT.baseUrl(), "Support", RT.username(),
                new Secret(RT.password(), "test"), null, RtSinkConfig.DEFAULT_SYNTHETIC_DOMAIN, Duration.ofSeconds(10),
                RtPriorities.defaults()));
    }

    private static Ticket ticket(long id, String category, String text) {
        TicketMessage first = RtFixtures.message(SMS, "+86139000" + id, null, text);
        return RtFixtures.ticket(id, SMS, "+86139000" + id, null, category, Priority.NORMAL, first);
    }

    /** What the sink did before the pre-check (and what RT still does): a create whose category RT drops. */
    private static String createdWithoutCategory(long id, String category) throws Exception {
        String body = Json.mapper().createObjectNode().put("Queue", "Support").put("Subject", "old [#" + id + "]")
                .put("Content", "made before the pre-check").set("CustomFields", Json.mapper().createObjectNode()
                        .put("Category", category).put("InboundRouterId", Long.toString(id))).toString();
        String remote = api.post("ticket", body, 201).path("id").asText();
        assertThat(RtRest.customField(api.get("ticket/" + remote), "Category")).isEmpty();
        return remote;
    }

    @Test
    void anUnknownCategoryFailsForGoodBeforeAnythingIsCreatedAndTheAdminsFixIsSeenAtTheNextAttempt()
            throws Exception {
        RtSink sink = sink();
        long id = IDS.incrementAndGet();
        Ticket ticket = ticket(id, "kyc_review", "实名认证一直审核不通过");
        int before = api.ticketCount();

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> sink.create(ticket, ticket.messages().get(0)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("\"kyc_review\"").contains("add \"kyc_review\" to the values"
                            + " of the custom field Category").contains("Nothing was created in RT");
                    assertThat(e.remoteAnswer()).contains("Category").contains("topup").doesNotContain("kyc_review");
                });
        System.out.println("RT: pre-check (cold, refused) " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                + " ms");
        assertThat(api.ticketCount()).isEqualTo(before);
        assertThat(api.ticketsWithOurId(id)).isEmpty();
        assertThat(sink.find(id)).isEmpty();

        root.addCategoryValue("kyc_review");
        // the same sink, well within the cache time: a miss reads the values again
        String remote = sink.create(ticket, ticket.messages().get(0));

        assertThat(api.ticketsWithOurId(id)).containsExactly(remote);
        assertThat(RtRest.customField(api.get("ticket/" + remote), "Category")).containsExactly("kyc_review");
        Ticket another = ticket(IDS.incrementAndGet(), "topup", "充值没到账");
        long t1 = System.nanoTime();
        sink.create(another, another.messages().get(0));
        System.out.println("RT: create with a warm pre-check " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1)
                + " ms");
    }

    @Test
    void aTicketRtMadeWithoutItsCategoryIsNotFoundAsDeliveredButCompletedOnceTheValueExists() throws Exception {
        RtSink sink = sink();
        long id = IDS.incrementAndGet();
        String old = createdWithoutCategory(id, "nft_issue");
        Ticket ticket = ticket(id, "nft_issue", "NFT 转不出去");

        assertThat(sink.find(id)).as("a ticket without its category is not delivered").isEmpty();
        assertThatThrownBy(() -> sink.create(ticket, ticket.messages().get(0)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
        assertThat(api.ticketsWithOurId(id)).containsExactly(old);

        root.addCategoryValue("nft_issue");
        // as the outbox does after a quarantine retry: find, then create
        assertThat(sink.find(id)).isEmpty();
        String remote = sink.create(ticket, ticket.messages().get(0));

        assertThat(remote).isEqualTo(old);
        assertThat(api.ticketsWithOurId(id)).containsExactly(old);
        assertThat(RtRest.customField(api.get("ticket/" + old), "Category")).containsExactly("nft_issue");
        assertThat(sink.find(id)).contains(old);
    }

    @Test
    void aValueRemovedWithinTheCacheTimeIsCaughtByTheReadBackAndTheTicketIsCompletedLater() throws Exception {
        RtSink sink = sink();
        root.addCategoryValue("temp_value");
        long a = IDS.incrementAndGet();
        sink.create(ticket(a, "temp_value", "first"), ticket(a, "temp_value", "first").messages().get(0));
        root.removeCategoryValue("temp_value");
        long b = IDS.incrementAndGet();
        Ticket ticket = ticket(b, "temp_value", "second");

        assertThatThrownBy(() -> sink.create(ticket, ticket.messages().get(0)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("RT dropped the value").contains("creates no other");
                });
        assertThat(api.ticketsWithOurId(b)).hasSize(1);
        String made = api.ticketsWithOurId(b).get(0);

        root.addCategoryValue("temp_value");
        assertThat(sink.find(b)).isEmpty();
        assertThat(sink.create(ticket, ticket.messages().get(0))).isEqualTo(made);
        assertThat(api.ticketsWithOurId(b)).containsExactly(made);
        assertThat(RtRest.customField(api.get("ticket/" + made), "Category")).containsExactly("temp_value");
    }

    @Test
    void aCategoryAnAgentSetMeanwhileStands() throws Exception {
        RtSink sink = sink();
        long id = IDS.incrementAndGet();
        String old = createdWithoutCategory(id, "no_such_value");
        assertThat(sink.find(id)).isEmpty();
        api.put("ticket/" + old, "{\"CustomFields\":{\"Category\":\"refund\"}}");

        Ticket ticket = ticket(id, "topup", "充值");
        assertThat(sink.create(ticket, ticket.messages().get(0))).isEqualTo(old);

        assertThat(RtRest.customField(api.get("ticket/" + old), "Category")).containsExactly("refund");
        assertThat(api.ticketsWithOurId(id)).containsExactly(old);
    }

    @Test
    void valuesMatchIgnoringCaseAsInRt() throws Exception {
        root.addCategoryValue("VIP_Case");
        long id = IDS.incrementAndGet();
        Ticket ticket = ticket(id, "vip_case", "大客户");

        String remote = sink().create(ticket, ticket.messages().get(0));

        JsonNode t = api.get("ticket/" + remote);
        assertThat(RtRest.customField(t, "Category")).containsExactly("VIP_Case");
    }

    @Test
    void aQueueTheUserCannotReadIsPermanentAndCreatesNothing() throws Exception {
        // the API user has no rights on queue General: reading its custom fields is refused (403) before any create
        long id = IDS.incrementAndGet();
        Ticket ticket = ticket(id, "topup", "x");
        RtSink general = new RtSink("rt", new RtSinkConfig(RT.baseUrl(), "General", RT.username(),
                new Secret(RT.password(), "test"), null, RtSinkConfig.DEFAULT_SYNTHETIC_DOMAIN,
                Duration.ofSeconds(10), RtPriorities.defaults()));

        assertThatThrownBy(() -> general.create(ticket, ticket.messages().get(0)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
        assertThat(api.ticketsWithOurId(id)).isEmpty();
    }
}
