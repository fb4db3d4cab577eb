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
 * Corrections made in RT (issue 14), through the whole daemon and a real RT: an agent sets the ticket's Category
 * custom field to another value; when the next reply is delivered the router reads the field back, records a
 * correction with source {@code rt} and takes the category over. What the router wrote itself never counts, also
 * after the category was corrected through our API (which is not written back to RT).
 */
class RtCorrectionsTest {

    @RegisterExtension
    static final RequestTrackerExtension RT = new RequestTrackerExtension();

    @TempDir
    Path dir;

    @Test
    void aCategoryChangedInRtIsReadBackAtTheNextReplyAndRecordedOnce() throws Exception {
        RtRest rt = RtRest.asApiUser(RT);
        try (RtDaemon daemon = RtDaemon.start(dir, RT)) {
            String from = "+8613900000031";
            assertThat(daemon.sms("c1", from, "我昨天充值了500元但是显示充值失败").statusCode()).isEqualTo(200);
            long id = daemon.tickets().get(0).path("id").asLong();
            assertThat(daemon.http().ticket(id).path("category").asText()).isEqualTo("topup");
            poll(60, () -> rt.ticketsWithOurId(id).size() == 1);
            String remote = rt.ticketsWithOurId(id).get(0);

            // a reply before anyone touched the field: what we wrote is no correction
            assertThat(daemon.sms("c2", from, "交易号20240503123456").statusCode()).isEqualTo(200);
            poll(60, () -> rt.contents(remote, "Correspond").size() == 1);
            assertThat(corrections(daemon)).isEmpty();

            // the agent in RT: it is a refund
            rt.put("ticket/" + remote, "{\"CustomFields\": {\"Category\": \"refund\"}}");
            assertThat(RtRest.customField(rt.get("ticket/" + remote), "Category")).containsExactly("refund");
            assertThat(daemon.sms("c3", from, "退款什么时候到账").statusCode()).isEqualTo(200);
            poll(60, () -> corrections(daemon).size() == 1);

            JsonNode row = corrections(daemon).get(0);
            assertThat(row.path("ticketId").asLong()).isEqualTo(id);
            assertThat(row.path("oldCategory").asText()).isEqualTo("topup");
            assertThat(row.path("newCategory").asText()).isEqualTo("refund");
            assertThat(row.path("source").asText()).isEqualTo("rt");
            assertThat(row.path("correctedBy").asText()).isEqualTo("rt");
            assertThat(row.path("messageId").asText())
                    .isEqualTo(daemon.http().ticket(id).path("messages").get(0).path("id").asText());
            assertThat(daemon.http().ticket(id).path("category").asText()).isEqualTo("refund");
            assertThat(daemon.http().get("/api/corrections").body())
                    .isEqualTo("text,category\r\n我昨天充值了500元但是显示充值失败,refund\r\n");

            // corrected through our API since: RT still says refund, which is no news, so ours stands
            assertThat(daemon.http().patch("/api/tickets/" + id, "{\"category\": \"withdrawal\"}").statusCode())
                    .isEqualTo(200);
            assertThat(daemon.sms("c4", from, "还是没有到账").statusCode()).isEqualTo(200);
            poll(60, () -> rt.contents(remote, "Correspond").size() == 3);
            Thread.sleep(1000);
            List<String> sources = new ArrayList<>();
            corrections(daemon).forEach(c -> sources.add(c.path("source").asText()));
            assertThat(sources).containsExactly("rt", "api");
            assertThat(daemon.http().ticket(id).path("category").asText()).isEqualTo("withdrawal");
        }
    }

    private static JsonNode corrections(RtDaemon daemon) throws Exception {
        return Json.mapper().readTree(daemon.http().get("/api/corrections?format=json").body());
    }
}
