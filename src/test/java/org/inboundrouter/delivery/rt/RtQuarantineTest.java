package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.delivery.rt.RtOutageTest.poll;

/**
 * A ticket whose category RT does not list, through the whole daemon: it is quarantined before anything exists in
 * RT, its replies wait, other tickets keep flowing; once the value is added in RT, a quarantine retry delivers the
 * ticket once, with its category, followed by its replies.
 */
class RtQuarantineTest {

    @RegisterExtension
    static final RequestTrackerExtension RT = new RequestTrackerExtension();

    @TempDir
    Path dir;

    @Test
    void aCategoryRtLacksIsQuarantinedAndAfterTheFixARetryDeliversTheTicketOnceWithItsReplies() throws Exception {
        RtRest rt = RtRest.asApiUser(RT);
        RtRest root = RtRest.asRoot(RT);
        root.removeCategoryValue("withdrawal");
        try (RtDaemon daemon = RtDaemon.start(dir, RT)) {
            assertThat(daemon.sms("q1", "+8613900000001", "提现三天了还没到账，提现到银行卡一直失败").statusCode())
                    .isEqualTo(200);
            JsonNode ticket = daemon.tickets().get(0);
            long id = ticket.path("id").asLong();
            assertThat(ticket.path("category").asText()).as("the classifier's category for a withdrawal")
                    .isEqualTo("withdrawal");

            poll(60, () -> daemon.quarantine("open").size() == 1);
            JsonNode entry = daemon.quarantine("open").get(0);
            assertThat(entry.path("stage").asText()).isEqualTo("delivery");
            assertThat(entry.path("reason").asText()).contains("\"withdrawal\"")
                    .contains("add \"withdrawal\" to the values of the custom field Category")
                    .contains("Nothing was created in RT");
            assertThat(entry.path("remoteAnswer").asText()).contains("values of RT custom field Category")
                    .contains("topup").doesNotContain("withdrawal");
            assertThat(rt.ticketsWithOurId(id)).isEmpty();

            // replies wait behind the quarantined create; another customer's ticket is delivered meanwhile
            assertThat(daemon.sms("q2", "+8613900000001", "提现金额1000元，订单号W123456").statusCode()).isEqualTo(200);
            assertThat(daemon.sms("q3", "+8613900000001", "还是没有到账").statusCode()).isEqualTo(200);
            assertThat(daemon.sms("q4", "+8613900000002", "我昨天充值了500元但是显示充值失败").statusCode())
                    .isEqualTo(200);
            long other = daemon.tickets().stream().filter(t -> t.path("id").asLong() != id).findFirst().orElseThrow()
                    .path("id").asLong();
            poll(60, () -> rt.ticketsWithOurId(other).size() == 1);
            Thread.sleep(1000);
            assertThat(rt.ticketsWithOurId(id)).as("nothing of #%d before its ticket exists", id).isEmpty();
            assertThat(daemon.quarantine("open")).hasSize(1);
            assertThat(daemon.http().ticket(id).path("messages")).hasSize(3);

            root.addCategoryValue("withdrawal");
            JsonNode retried = Json.mapper().readTree(daemon.http().post("/api/quarantine/"
                    + entry.path("id").asLong() + "/retry", "application/json", java.util.Map.of(), "{}").body());
            assertThat(retried.path("status").asText()).as("%s", retried).isEqualTo("retried");

            poll(60, () -> rt.ticketsWithOurId(id).size() == 1
                    && rt.contents(rt.ticketsWithOurId(id).get(0), "Correspond").size() >= 2);
            Thread.sleep(2000);
            List<String> remote = rt.ticketsWithOurId(id);
            assertThat(remote).hasSize(1);
            assertThat(RtRest.customField(rt.get("ticket/" + remote.get(0)), "Category")).containsExactly("withdrawal");
            List<String> texts = new ArrayList<>();
            daemon.http().ticket(id).path("messages").forEach(m -> texts.add(m.path("text").asText().strip()));
            assertThat(rt.contents(remote.get(0), "Create")).containsExactly(texts.get(0));
            assertThat(rt.contents(remote.get(0), "Correspond")).containsExactly(texts.get(1), texts.get(2));
            assertThat(daemon.quarantine("open")).isEmpty();
            assertThat(daemon.quarantine("retried")).hasSize(1);
        }
    }
}
