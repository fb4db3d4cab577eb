package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.delivery.TicketSink;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Delivers tickets to Request Tracker 5 through REST 2: a ticket in the configured queue carrying our id in the
 * custom field {@code InboundRouterId}, and later customer messages as correspondence. Setup and mapping:
 * docs/sinks/rt.md.
 */
public final class RtSink implements TicketSink {

    private final String name;
    private final RtSinkConfig config;
    private final RtClient client;
    private final RtTicketFields fields;

    public RtSink(String name, RtSinkConfig config) {
        this.name = name;
        this.config = config;
        this.client = new RtClient(config);
        this.fields = new RtTicketFields(config);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> find(long ourTicketId) throws DeliveryException {
        String query = "Queue = " + quote(config.queue()) + " AND 'CF.{" + RtTicketFields.CF_OUR_ID + "}' = "
                + quote(Long.toString(ourTicketId));
        // oldest first: should two exist (someone copied the field by hand), the one we made first is ours
        JsonNode answer = client.get("tickets?orderby=id&order=ASC&per_page=1&fields=id&query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8), "find RT ticket for #" + ourTicketId);
        JsonNode items = answer.path("items");
        if (!items.isArray() || items.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(items.get(0).path("id").asText());
    }

    @Override
    public String create(Ticket ticket, TicketMessage first) throws DeliveryException {
        String what = "create RT ticket for #" + ticket.id();
        JsonNode created = client.post("ticket", fields.create(ticket, first), what);
        String id = created.path("id").asText("");
        if (id.isEmpty()) {
            throw DeliveryException.fromStatus(what + ": no id in the answer", 201, created.toString());
        }
        verifyCategory(ticket, id);
        return id;
    }

    /**
     * RT answers 201 even when it dropped a Select custom field value it does not list, so the only proof is the
     * ticket itself. Retrying cannot help: the value list in RT has to be fixed (docs/sinks/rt.md). The RT ticket
     * exists by then, carrying our id, so after a requeue {@link #find} picks it up instead of creating another.
     */
    private void verifyCategory(Ticket ticket, String id) throws DeliveryException {
        String category = RtTicketFields.category(ticket);
        JsonNode remote = client.get("ticket/" + id, "read back RT ticket " + id);
        for (JsonNode cf : remote.path("CustomFields")) {
            if (RtTicketFields.CF_CATEGORY.equals(cf.path("name").asText())) {
                for (JsonNode value : cf.path("values")) {
                    if (category.equals(value.asText())) {
                        return;
                    }
                }
                throw new DeliveryException("RT ticket " + id + " was created for #" + ticket.id() + " without its "
                        + "category \"" + category + "\": add it to the values of the custom field "
                        + RtTicketFields.CF_CATEGORY + " in RT, then set it on ticket " + id, true,
                        "custom fields of RT ticket " + id + ": " + remote.path("CustomFields"), null);
            }
        }
        throw new DeliveryException("RT ticket " + id + " has no custom field " + RtTicketFields.CF_CATEGORY
                + " (not applied to queue " + config.queue() + ", or no SeeCustomField right)", true,
                "custom fields of RT ticket " + id + ": " + remote.path("CustomFields"), null);
    }

    @Override
    public void append(String remoteId, Ticket ticket, TicketMessage message) throws DeliveryException {
        if (!remoteId.matches("\\d+")) {
            throw new DeliveryException("not an RT ticket id: " + remoteId, true, null, null);
        }
        client.post("ticket/" + remoteId + "/correspond", fields.correspond(message),
                "add message " + message.message().id() + " of #" + ticket.id() + " to RT ticket " + remoteId);
    }

    /** A TicketSQL string literal. */
    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
