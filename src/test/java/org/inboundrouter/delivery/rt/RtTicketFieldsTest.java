package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.inboundrouter.config.Secret;
import org.inboundrouter.model.ChannelRef;
import org.inboundrouter.model.Priority;
import org.inboundrouter.ticket.TicketMessage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RtTicketFieldsTest {

    private static final ChannelRef SMS = new ChannelRef(ChannelRef.SMS, "twilio-cn");
    private final RtTicketFields fields = new RtTicketFields(new RtSinkConfig(URI.create("http://127.0.0.1:1"),
            "Support", "u", new Secret("p", "literal"), null, "customers.invalid", Duration.ofSeconds(1),
            RtPriorities.defaults()));

    @Test
    void createCarriesEverythingAnAgentFiltersBy() {
        TicketMessage first = RtFixtures.message(SMS, "+8613800138000", null, "账户被盗了，立即冻结");
        ObjectNode body = fields.create(RtFixtures.ticket(42, SMS, "+8613800138000", null, "account_security",
                Priority.URGENT, first), first);

        assertThat(body.path("Queue").asText()).isEqualTo("Support");
        assertThat(body.path("Requestor").asText()).isEqualTo("sms+8613800138000@customers.invalid");
        assertThat(body.path("Subject").asText()).isEqualTo("账户被盗了，立即冻结 [#42]");
        assertThat(body.path("Content").asText()).isEqualTo("账户被盗了，立即冻结");
        assertThat(body.path("ContentType").asText()).isEqualTo("text/plain");
        assertThat(body.path("Priority").asInt()).isEqualTo(90);
        assertThat(body.path("CustomFields").path("Category").asText()).isEqualTo("account_security");
        assertThat(body.path("CustomFields").path("InboundRouterId").asText()).isEqualTo("42");
        assertThat(body.path("CustomFields").path("Channel").asText()).isEqualTo("sms/twilio-cn");
    }

    @Test
    void theReferenceIsAddedOnceAndLongTextIsShortened() {
        TicketMessage first = RtFixtures.message(SMS, "+86138", "退款 [#7]", "x");
        assertThat(RtTicketFields.subject(RtFixtures.ticket(7, SMS, "+86138", "Re: 退款 [#7]", "refund",
                Priority.NORMAL, first), first)).isEqualTo("Re: 退款 [#7]");

        TicketMessage longText = RtFixtures.message(SMS, "+86138", null, "  \n" + "钱".repeat(100) + "\nsecond line");
        assertThat(RtTicketFields.subject(RtFixtures.ticket(8, SMS, "+86138", null, "refund", Priority.NORMAL,
                longText), longText)).isEqualTo("钱".repeat(80) + "… [#8]");

        TicketMessage empty = RtFixtures.message(SMS, "+86138", null, " ");
        assertThat(RtTicketFields.subject(RtFixtures.ticket(9, SMS, "+86138", null, null, Priority.NORMAL, empty),
                empty)).isEqualTo("(sms message) [#9]");
    }

    @Test
    void noCategoryIsOtherAndNoPriorityIsNormal() {
        TicketMessage first = RtFixtures.message(SMS, "+86138", null, "hi");
        ObjectNode body = fields.create(RtFixtures.ticket(1, SMS, "+86138", null, null, null, first), first);
        assertThat(body.path("CustomFields").path("Category").asText()).isEqualTo("other");
        assertThat(body.path("Priority").asInt()).isEqualTo(50);
    }
}
