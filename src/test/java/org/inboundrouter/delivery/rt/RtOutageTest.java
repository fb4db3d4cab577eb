package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outage of Request Tracker, through the whole daemon: messages keep being stored (and their webhooks answered)
 * while RT is down, and once it is back the outbox delivers each ticket once, with its category and its replies in
 * order, and nothing ends in the quarantine. The outage lasts {@code -Drt.outage.seconds} (20 by default).
 */
class RtOutageTest {

    @RegisterExtension
    static final RequestTrackerExtension RT = new RequestTrackerExtension();

    @TempDir
    Path dir;

    /** One SMS: who sends what. */
    private record Sms(String from, String text) {
    }

    @Test
    void messagesStoredWhileRtIsDownReachItOnceAndInOrderWhenItIsBack() throws Exception {
        int outageSeconds = Integer.getInteger("rt.outage.seconds", 20);
        RtRest rt = RtRest.asApiUser(RT);
        try (RtDaemon daemon = RtDaemon.start(dir, RT)) {
            int n = 0;
            // RT up: the first ticket reaches it
            assertThat(daemon.sms("m" + ++n, "+8613800000001", "我昨天充值了500元但是显示充值失败").statusCode())
                    .isEqualTo(200);
            long first = daemon.tickets().get(0).path("id").asLong();
            poll(60, () -> rt.ticketsWithOurId(first).size() == 1);
            // the sink sets RT's Category when it creates the ticket; a later, more urgent reply may change ours
            String firstCategory = daemon.http().ticket(first).path("category").asText();

            RT.stop();
            long down = System.nanoTime();
            List<Sms> duringOutage = List.of(
                    new Sms("+8613800000001", "交易号20240503123456，请尽快处理"),
                    new Sms("+8613800000002", "提现三天了还没到账，银行卡尾号6688"),
                    new Sms("+8613800000003", "我的账户被盗了，请立即冻结"),
                    new Sms("+8613800000002", "提现金额1000元，订单号W123456"),
                    new Sms("+8613800000001", "现在余额还是不对"),
                    new Sms("+8613800000004", "how do I reset my password, the login code never arrives"),
                    new Sms("+8613800000003", "有人用我的账户转走了2000元"),
                    new Sms("+8613800000005", "退款迟迟不到账"),
                    new Sms("+8613800000004", "still no code after an hour"));
            long slowest = 0;
            for (Sms sms : duringOutage) {
                long t0 = System.nanoTime();
                HttpResponse<String> answer = daemon.sms("m" + ++n, sms.from(), sms.text());
                slowest = Math.max(slowest, System.nanoTime() - t0);
                assertThat(answer.statusCode()).as("stored while RT is down: %s", answer.body()).isEqualTo(200);
            }
            List<JsonNode> tickets = daemon.tickets();
            int messages = tickets.stream().mapToInt(t -> t.path("messages").size()).sum();
            assertThat(tickets).hasSize(5);
            assertThat(messages).isEqualTo(1 + duringOutage.size());
            // none of it reached RT: it is down
            long remaining = TimeUnit.SECONDS.toNanos(outageSeconds) - (System.nanoTime() - down);
            if (remaining > 0) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(remaining));
            }

            long startMs = RT.start();
            long back = System.nanoTime();
            double outage = (back - down) / 1e9;
            poll(120 + outageSeconds, () -> delivered(rt, tickets));
            double drained = (System.nanoTime() - back) / 1e9;
            System.out.printf("RT outage: %.1f s down (start.sh %d ms); %d tickets / %d messages (%d replies) in all, %d"
                    + " of the messages stored while RT was down, slowest webhook answer %d ms; outbox drained %.1f s"
                    + " after RT was back%n", outage, startMs, tickets.size(), messages, messages - tickets.size(),
                    duringOutage.size(),
                    TimeUnit.NANOSECONDS.toMillis(slowest), drained);

            // settled: nothing more arrives
            Thread.sleep(2000);
            for (JsonNode ticket : tickets) {
                long id = ticket.path("id").asLong();
                List<String> remote = rt.ticketsWithOurId(id);
                assertThat(remote).as("RT tickets of #%d", id).hasSize(1);
                JsonNode t = rt.get("ticket/" + remote.get(0));
                // the others were created in RT after all their messages were stored
                assertThat(RtRest.customField(t, "Category")).as("category of #%d", id)
                        .containsExactly(id == first ? firstCategory : ticket.path("category").asText());
                List<String> texts = texts(ticket);
                assertThat(rt.contents(remote.get(0), "Create")).containsExactly(texts.get(0));
                assertThat(rt.contents(remote.get(0), "Correspond")).as("replies of #%d", id)
                        .containsExactlyElementsOf(texts.subList(1, texts.size()));
            }
            assertThat(daemon.quarantine("open")).isEmpty();
            assertThat(daemon.quarantine("")).isEmpty();
        }
    }

    /** Every ticket in RT once, with as many correspondences as it has replies. */
    private static boolean delivered(RtRest rt, List<JsonNode> tickets) throws Exception {
        for (JsonNode ticket : tickets) {
            List<String> remote = rt.ticketsWithOurId(ticket.path("id").asLong());
            if (remote.size() != 1) {
                return false;
            }
            int replies = ticket.path("messages").size() - 1;
            if (replies > 0 && rt.contents(remote.get(0), "Correspond").size() < replies) {
                return false;
            }
        }
        return true;
    }

    private static List<String> texts(JsonNode ticket) {
        List<String> texts = new ArrayList<>();
        ticket.path("messages").forEach(m -> texts.add(m.path("text").asText().strip()));
        return texts;
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls {@code check} every 250 ms (RT answering errors counts as not yet) until it holds or time is up. */
    static void poll(int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + seconds + " s");
            }
            Thread.sleep(250);
        }
    }
}
