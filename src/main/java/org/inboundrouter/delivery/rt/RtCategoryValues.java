package org.inboundrouter.delivery.rt;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.delivery.DeliveryException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The values RT accepts for the ticket custom field {@code Category} in the sink's queue, checked before a ticket is
 * created: RT answers 201 to a create whose Select value it does not list and silently leaves the field empty, so
 * without this check a ticket would exist in RT without its category.
 *
 * <p>Read from RT (the queue's ticket custom fields, then the field itself) and kept for {@link #DEFAULT_TTL}. A value
 * that is not in the kept list makes it read again once, so that an admin who added the value is seen at the next
 * attempt. RT compares values case-insensitively (and stores its own spelling), and so does this. A Category field
 * that is not a Select field (free-form, combobox, values from an external source) accepts anything, and is not
 * checked. Thread-safe.
 */
final class RtCategoryValues {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    private final RtClient client;
    private final String queue;
    private final Duration ttl;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /**
     * What RT answered: the field's id and its values; {@code values} is null when the field takes any value.
     */
    record Snapshot(String fieldId, String type, List<String> values, Instant readAt) {

        Optional<String> match(String category) {
            if (values == null) {
                return Optional.of(category);
            }
            return values.stream().filter(v -> v.equalsIgnoreCase(category)).findFirst();
        }
    }

    RtCategoryValues(RtClient client, String queue, Duration ttl, Clock clock) {
        this.client = client;
        this.queue = queue;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Returns RT's spelling of {@code category}; throws a permanent {@link DeliveryException} when the field does not
     * list it (or the queue has no Category field), a transient one when RT cannot be asked.
     */
    String check(String category, long ourTicketId) throws DeliveryException {
        Snapshot s = snapshot;
        boolean readNow = false;
        if (s == null || !clock.instant().isBefore(s.readAt().plus(ttl))) {
            s = read();
            readNow = true;
        }
        Optional<String> match = s.match(category);
        if (match.isEmpty() && !readNow) {
            // perhaps an admin has added it since: ask once more before failing
            s = read();
            match = s.match(category);
        }
        if (match.isPresent()) {
            return match.get();
        }
        throw new DeliveryException("category \"" + category + "\" of #" + ourTicketId + " is not a value of the RT "
                + "custom field " + RtTicketFields.CF_CATEGORY + " (id " + s.fieldId() + ", queue " + queue
                + "): add \"" + category + "\" to the values of the custom field " + RtTicketFields.CF_CATEGORY
                + " in RT (Admin > Custom Fields > " + RtTicketFields.CF_CATEGORY + "), then retry this delivery "
                + "from the quarantine. Nothing was created in RT", true,
                "values of RT custom field " + RtTicketFields.CF_CATEGORY + " (id " + s.fieldId() + "): "
                        + s.values(), null);
    }

    /** Forgets what was read, so that the next check asks RT. */
    void invalidate() {
        snapshot = null;
    }

    private Snapshot read() throws DeliveryException {
        String what = "read the values of custom field " + RtTicketFields.CF_CATEGORY + " of RT queue " + queue;
        JsonNode q = client.get("queue/" + URLEncoder.encode(queue, StandardCharsets.UTF_8).replace("+", "%20"),
                what);
        String fieldId = null;
        for (JsonNode cf : q.path("TicketCustomFields")) {
            if (RtTicketFields.CF_CATEGORY.equals(cf.path("name").asText())) {
                fieldId = cf.path("id").asText();
                break;
            }
        }
        if (fieldId == null || !fieldId.matches("\\d+")) {
            throw new DeliveryException("RT queue " + queue + " has no ticket custom field "
                    + RtTicketFields.CF_CATEGORY + " (not applied to the queue, or the API user lacks "
                    + "SeeCustomField on it): see docs/sinks/rt.md, \"Setting up a real RT\". Nothing was created "
                    + "in RT", true, "ticket custom fields of RT queue " + queue + ": " + q.path("TicketCustomFields"),
                    null);
        }
        JsonNode cf = client.get("customfield/" + fieldId, what);
        String type = cf.path("Type").asText("");
        String valuesClass = cf.path("ValuesClass").asText("RT::CustomFieldValues");
        List<String> values = null;
        if (type.equals("Select") && valuesClass.equals("RT::CustomFieldValues")) {
            values = new ArrayList<>();
            for (JsonNode v : cf.path("Values")) {
                values.add(v.asText());
            }
        }
        Snapshot s = new Snapshot(fieldId, type.toLowerCase(Locale.ROOT), values == null ? null : List.copyOf(values),
                clock.instant());
        snapshot = s;
        return s;
    }
}
