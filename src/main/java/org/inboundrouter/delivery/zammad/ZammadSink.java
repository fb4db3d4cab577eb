package org.inboundrouter.delivery.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.delivery.TicketSink;
import org.inboundrouter.model.Json;
import org.inboundrouter.model.Priority;
import org.inboundrouter.ticket.Ticket;
import org.inboundrouter.ticket.TicketMessage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers tickets to Zammad through its REST API (docs.zammad.org, "REST API"). Our ticket id travels as the tag
 * {@code <tagPrefix><id>}, set in the same request that creates the ticket, so a Zammad ticket never exists without
 * it; {@link #find} searches for that tag. See docs/sinks/zammad.md.
 */
public final class ZammadSink implements TicketSink {

    static final String URGENT_TAG = "urgent";
    private static final int TITLE_MAX = 250;

    private final String name;
    private final ZammadSinkConfig config;
    private final ZammadClient client;
    private final ZammadCustomers customers;

    public ZammadSink(String name, ZammadSinkConfig config) {
        this.name = name;
        this.config = config;
        this.client = new ZammadClient(config);
        this.customers = new ZammadCustomers(client);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> find(long ourTicketId) throws DeliveryException {
        String tag = marker(ourTicketId);
        String query = "tags:\"" + tag + "\"";
        JsonNode result = client.get("/api/v1/tickets/search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&expand=true&per_page=20&sort_by=id&order_by=asc", "search Zammad tickets");
        List<Long> candidates = ticketIds(result);
        candidates.sort(null);
        // the search index matches words, so "inbound-router-12" could match a near namesake: read the tags back
        for (long id : candidates) {
            JsonNode tags = client.get("/api/v1/tags?object=Ticket&o_id=" + id, "read Zammad ticket tags");
            for (JsonNode t : tags.path("tags")) {
                if (t.asText().equals(tag)) {
                    return Optional.of(Long.toString(id));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String create(Ticket ticket, TicketMessage first) throws DeliveryException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("title", title(ticket, first));
        body.put("group", config.group());
        Object customer = customers.customerId(ticket.customer());
        if (customer instanceof Long id) {
            body.put("customer_id", id);
        } else {
            body.put("customer_id", customer.toString());
        }
        body.put("priority_id", priorityId(ticket.priority()));
        body.put("tags", String.join(",", tags(ticket)));
        body.set("article", ZammadArticles.article(ticket, first));
        JsonNode created = client.post("/api/v1/tickets", body, "create Zammad ticket");
        JsonNode id = created.path("id");
        if (!id.canConvertToLong() || id.asLong() <= 0) {
            // the ticket may well exist: transient, so that the outbox asks find() before creating again
            throw DeliveryException.transientFailure("create Zammad ticket: the answer has no ticket id", null);
        }
        return Long.toString(id.asLong());
    }

    @Override
    public void append(String remoteId, Ticket ticket, TicketMessage message) throws DeliveryException {
        long ticketId = remoteTicketId(remoteId);
        String messageId = ZammadArticles.messageId(message);
        if (messageId != null && alreadyThere(ticketId, messageId)) {
            return;
        }
        ObjectNode article = ZammadArticles.article(ticket, message);
        article.put("ticket_id", ticketId);
        client.post("/api/v1/ticket_articles", article, "add Zammad article");
    }

    /**
     * The Zammad ticket's tags as they are now: the sink writes the ticket's categories as tags, so an agent
     * recategorises a ticket by changing them (issue 14). The other tags (urgent, our marker, an agent's own) are no
     * category ids and are ignored by the comparison.
     */
    @Override
    public Optional<Set<String>> remoteCategories(String remoteId) throws DeliveryException {
        long id = remoteTicketId(remoteId);
        JsonNode answer = client.get("/api/v1/tags?object=Ticket&o_id=" + id, "read Zammad ticket tags");
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode t : answer.path("tags")) {
            tags.add(t.asText());
        }
        return Optional.of(tags);
    }

    /** The tags {@link #create} writes: the categories, urgent, our marker. */
    @Override
    public Set<String> categoriesWritten(Ticket ticket) {
        return tags(ticket);
    }

    String marker(long ourTicketId) {
        return config.tagPrefix() + ourTicketId;
    }

    /** Zammad's default priorities: 1 low, 2 normal, 3 high. There is no urgent; the tag says it. */
    static int priorityId(Priority priority) {
        if (priority == null) {
            return 2;
        }
        return switch (priority) {
            case LOW -> 1;
            case NORMAL -> 2;
            case HIGH, URGENT -> 3;
        };
    }

    Set<String> tags(Ticket ticket) {
        Set<String> tags = new LinkedHashSet<>();
        List<String> categories = ticket.categories() == null || ticket.categories().isEmpty()
                ? (ticket.category() == null ? List.of() : List.of(ticket.category()))
                : ticket.categories();
        for (String category : categories) {
            // Zammad splits the tags field at commas
            String tag = category == null ? "" : category.replace(",", " ").strip();
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
        if (ticket.priority() == Priority.URGENT) {
            tags.add(URGENT_TAG);
        }
        tags.add(marker(ticket.id()));
        return tags;
    }

    static String title(Ticket ticket, TicketMessage first) {
        String title = ticket.subject();
        if (title == null || title.isBlank()) {
            title = first.message().subject();
        }
        if (title == null || title.isBlank()) {
            title = firstLine(first.message().text());
        }
        if (title == null || title.isBlank()) {
            String from = ticket.customer() == null ? null : ticket.customer().address();
            title = "Message from " + (from == null ? "an unknown sender" : from);
        }
        title = title.strip();
        return title.length() > TITLE_MAX ? title.substring(0, TITLE_MAX - 3) + "..." : title;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                String s = line.strip();
                return s.length() > 80 ? s.substring(0, 77) + "..." : s;
            }
        }
        return null;
    }

    private boolean alreadyThere(long ticketId, String messageId) throws DeliveryException {
        JsonNode articles = client.get("/api/v1/ticket_articles/by_ticket/" + ticketId, "list Zammad articles");
        for (JsonNode a : articles) {
            if (messageId.equals(a.path("message_id").asText(null))) {
                return true;
            }
        }
        return false;
    }

    private static long remoteTicketId(String remoteId) throws DeliveryException {
        try {
            long id = Long.parseLong(remoteId == null ? "" : remoteId.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DeliveryException("not a Zammad ticket id: " + remoteId, true, null, null);
    }

    /** Ticket ids from a search answer: a list of tickets (expand), or ids under tickets / record_ids (older forms). */
    private static List<Long> ticketIds(JsonNode result) {
        List<Long> ids = new ArrayList<>();
        if (result.isArray()) {
            for (JsonNode t : result) {
                if (t.path("id").canConvertToLong()) {
                    ids.add(t.path("id").asLong());
                }
            }
            return ids;
        }
        JsonNode list = result.has("tickets") ? result.path("tickets") : result.path("record_ids");
        for (JsonNode id : list) {
            if (id.canConvertToLong()) {
                ids.add(id.asLong());
            }
        }
        return ids;
    }
}
