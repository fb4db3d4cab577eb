package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.delivery.TicketSink;
import org.inboundrouter.model.Json;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers tickets to Request Tracker 5 through REST 2: a ticket in the configured queue carrying our id in the
 * custom field {@code InboundRouterId}, and later customer messages as correspondence. Setup and mapping:
 * docs/sinks/rt.md.
 *
 * <p>The category: RT accepts a create with a Category value its Select field does not list and leaves the field
 * empty. So {@link #create} first checks the value against the field's values ({@link RtCategoryValues}) and fails
 * for good, before anything exists in RT, when it is unknown. A ticket that exists in RT without its category (made
 * before that check, or after a value was removed within the cache time) is not reported by {@link #find} as
 * delivered: find leaves it out, and the {@link #create} that the outbox calls next takes it over and sets the
 * category, instead of creating a second ticket.
 */
public final class RtSink implements TicketSink {

    private static final Logger LOG = LoggerFactory.getLogger("delivery");

    private final String name;
    private final RtSinkConfig config;
    private final RtClient client;
    private final RtTicketFields fields;
    private final RtCategoryValues categories;
    /** Our ticket id → the RT ticket {@link #find} saw carrying it but without a category, for {@link #create}. */
    private final Map<Long, String> withoutCategory = new ConcurrentHashMap<>();

    public RtSink(String name, RtSinkConfig config) {
        this(name, config, RtCategoryValues.DEFAULT_TTL, Clock.systemUTC());
    }

    RtSink(String name, RtSinkConfig config, Duration categoryValuesFor, Clock clock) {
        this.name = name;
        this.config = config;
        this.client = new RtClient(config);
        this.fields = new RtTicketFields(config);
        this.categories = new RtCategoryValues(client, config.queue(), categoryValuesFor, clock);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The RT ticket carrying our id. One that has no Category value is left out (empty) and remembered: the outbox
     * then calls {@link #create}, which completes that ticket rather than counting it delivered without a category.
     */
    @Override
    public Optional<String> find(long ourTicketId) throws DeliveryException {
        Optional<String> found = search(ourTicketId);
        if (found.isEmpty()) {
            withoutCategory.remove(ourTicketId);
            return found;
        }
        JsonNode remote = client.get("ticket/" + found.get(), "read RT ticket " + found.get() + " of #" + ourTicketId);
        List<String> category = customField(remote, RtTicketFields.CF_CATEGORY);
        if (category != null && category.isEmpty()) {
            withoutCategory.put(ourTicketId, found.get());
            return Optional.empty();
        }
        withoutCategory.remove(ourTicketId);
        return found;
    }

    private Optional<String> search(long ourTicketId) throws DeliveryException {
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
        String category = RtTicketFields.category(ticket);
        // before anything is written: an unknown value would be dropped by RT, and the ticket made without it
        String rtCategory = categories.check(category, ticket.id());
        String incomplete = withoutCategory.remove(ticket.id());
        if (incomplete != null) {
            return complete(incomplete, ticket, rtCategory);
        }
        String what = "create RT ticket for #" + ticket.id();
        JsonNode created = client.post("ticket", fields.create(ticket, first), what);
        String id = created.path("id").asText("");
        if (id.isEmpty()) {
            throw DeliveryException.fromStatus(what + ": no id in the answer", 201, created.toString());
        }
        verifyCategory(ticket, id, category);
        return id;
    }

    /**
     * Takes over the RT ticket {@code id} that carries our id but no category (an earlier create whose category RT
     * dropped): sets the category on it, unless someone has set one since, and returns it.
     */
    private String complete(String id, Ticket ticket, String rtCategory) throws DeliveryException {
        JsonNode remote = client.get("ticket/" + id, "read RT ticket " + id + " of #" + ticket.id());
        List<String> ourId = customField(remote, RtTicketFields.CF_OUR_ID);
        if (ourId == null || !ourId.contains(Long.toString(ticket.id()))) {
            // changed since find saw it: look again next time rather than guess
            throw DeliveryException.transientFailure("RT ticket " + id + " no longer carries #" + ticket.id(), null);
        }
        List<String> category = customField(remote, RtTicketFields.CF_CATEGORY);
        if (category != null && !category.isEmpty()) {
            // an agent set it by hand meanwhile: theirs stands
            LOG.info("sink {}: RT ticket {} of #{} already exists, with category {}", name, id, ticket.id(), category);
            return id;
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("CustomFields").put(RtTicketFields.CF_CATEGORY, rtCategory);
        JsonNode answer = client.put("ticket/" + id, body, "set the category of RT ticket " + id + " of #"
                + ticket.id());
        LOG.info("sink {}: RT ticket {} of #{} existed without its category; set {}: {}", name, id, ticket.id(),
                rtCategory, answer);
        verifyCategory(ticket, id, rtCategory);
        return id;
    }

    /**
     * RT answers 201 (and a PUT 200) even when it dropped a Select custom field value it does not list, so the only
     * proof is the ticket itself. The pre-check makes this rare (a value removed in RT within the cache time).
     * Retrying cannot help until the value list in RT is fixed; the RT ticket exists by then, carrying our id, and
     * after a requeue {@link #find} and {@link #create} complete it instead of creating another.
     */
    private void verifyCategory(Ticket ticket, String id, String category) throws DeliveryException {
        JsonNode remote = client.get("ticket/" + id, "read back RT ticket " + id);
        List<String> values = customField(remote, RtTicketFields.CF_CATEGORY);
        if (values == null) {
            throw new DeliveryException("RT ticket " + id + " has no custom field " + RtTicketFields.CF_CATEGORY
                    + " (not applied to queue " + config.queue() + ", or no SeeCustomField right)", true,
                    "custom fields of RT ticket " + id + ": " + remote.path("CustomFields"), null);
        }
        if (values.stream().noneMatch(category::equalsIgnoreCase)) {
            categories.invalidate();
            throw new DeliveryException("RT ticket " + id + " was created for #" + ticket.id() + " without its "
                    + "category \"" + category + "\" (RT dropped the value): add it to the values of the custom "
                    + "field " + RtTicketFields.CF_CATEGORY + " in RT, then retry this delivery from the quarantine;"
                    + " it sets the category on ticket " + id + " and creates no other", true,
                    "custom fields of RT ticket " + id + ": " + remote.path("CustomFields"), null);
        }
    }

    /** The values of custom field {@code name} in an RT ticket; null when the ticket does not show that field. */
    private static List<String> customField(JsonNode remote, String name) {
        for (JsonNode cf : remote.path("CustomFields")) {
            if (name.equals(cf.path("name").asText())) {
                List<String> values = new ArrayList<>();
                for (JsonNode value : cf.path("values")) {
                    if (!value.asText().isEmpty()) {
                        values.add(value.asText());
                    }
                }
                return values;
            }
        }
        return null;
    }

    @Override
    public void append(String remoteId, Ticket ticket, TicketMessage message) throws DeliveryException {
        if (!remoteId.matches("\\d+")) {
            throw new DeliveryException("not an RT ticket id: " + remoteId, true, null, null);
        }
        client.post("ticket/" + remoteId + "/correspond", fields.correspond(message),
                "add message " + message.message().id() + " of #" + ticket.id() + " to RT ticket " + remoteId);
    }

    /**
     * The values of the RT ticket's Category custom field as they are now: an agent may have changed it (issue 14).
     * Empty when the ticket does not show the field (removed from the queue, or no SeeCustomField right).
     */
    @Override
    public Optional<Set<String>> remoteCategories(String remoteId) throws DeliveryException {
        if (!remoteId.matches("\\d+")) {
            throw new DeliveryException("not an RT ticket id: " + remoteId, true, null, null);
        }
        JsonNode remote = client.get("ticket/" + remoteId, "read the category of RT ticket " + remoteId);
        List<String> values = customField(remote, RtTicketFields.CF_CATEGORY);
        return values == null ? Optional.empty() : Optional.of(Set.copyOf(values));
    }

    /** The one Category value {@link #create} writes. */
    @Override
    public Set<String> categoriesWritten(Ticket ticket) {
        return Set.of(RtTicketFields.category(ticket));
    }

    /** A TicketSQL string literal. */
    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
