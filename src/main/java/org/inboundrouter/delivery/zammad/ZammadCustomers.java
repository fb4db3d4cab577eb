package org.inboundrouter.delivery.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.inboundrouter.delivery.DeliveryException;
import org.inboundrouter.model.Json;
import org.inboundrouter.model.Party;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Who the Zammad ticket belongs to. An email customer is left to Zammad ({@code customer_id: "guess:<email>"} finds or
 * creates the user). Anyone else is looked up first and created when absent: an SMS or WhatsApp number as the user's
 * {@code phone} and {@code mobile}, any other address (tg:123, x:456, wechat:...) as the user's {@code login}, which
 * is unique in Zammad.
 */
final class ZammadCustomers {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{4,30}");
    private static final String LOGIN_PREFIX = "inbound-router:";
    private static final int CACHE_LIMIT = 10_000;

    private final ZammadClient client;
    /** Address to user id: spares a search per ticket, and the search index lags behind a user just created. */
    private final Map<String, Long> known = new ConcurrentHashMap<>();

    ZammadCustomers(ZammadClient client) {
        this.client = client;
    }

    /** The value for the ticket's {@code customer_id}: a user id, or {@code guess:<email>}. */
    Object customerId(Party customer) throws DeliveryException {
        String address = customer == null || customer.address() == null ? "" : customer.address().strip();
        if (EMAIL.matcher(address).matches()) {
            return "guess:" + address.toLowerCase(Locale.ROOT);
        }
        String key = address.toLowerCase(Locale.ROOT);
        Long cached = known.get(key);
        if (cached != null) {
            return cached;
        }
        long id = isPhone(address) ? byPhone(address, customer.name()) : byLogin(key, customer);
        if (known.size() >= CACHE_LIMIT) {
            known.clear();
        }
        known.put(key, id);
        return id;
    }

    static boolean isPhone(String address) {
        return PHONE.matcher(address).matches() && digits(address).length() >= 5;
    }

    private long byPhone(String phone, String name) throws DeliveryException {
        String query = "phone:\"" + phone + "\" OR mobile:\"" + phone + "\"";
        String wanted = digits(phone);
        for (JsonNode user : search(query)) {
            // the search matches words, not the whole number: keep only a user whose number is exactly this one
            if (digits(user.path("phone").asText("")).equals(wanted)
                    || digits(user.path("mobile").asText("")).equals(wanted)) {
                return user.path("id").asLong();
            }
        }
        ObjectNode user = newUser(name, phone);
        user.put("phone", phone);
        user.put("mobile", phone);
        return create(user);
    }

    private long byLogin(String address, Party customer) throws DeliveryException {
        String login = LOGIN_PREFIX + (address.isEmpty() ? "unknown" : address);
        for (JsonNode user : search("login:\"" + login.replace("\"", "") + "\"")) {
            if (user.path("login").asText("").equalsIgnoreCase(login)) {
                return user.path("id").asLong();
            }
        }
        ObjectNode user = newUser(customer == null ? null : customer.name(), address.isEmpty() ? "unknown" : address);
        user.put("login", login);
        return create(user);
    }

    private Iterable<JsonNode> search(String query) throws DeliveryException {
        JsonNode result = client.get("/api/v1/users/search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&expand=true&per_page=20", "search Zammad users");
        return result.isArray() ? result : List.of();
    }

    private ObjectNode newUser(String name, String address) {
        ObjectNode user = Json.mapper().createObjectNode();
        // Zammad requires a name, email, phone or mobile; the address stands in for a customer without a name
        user.put("firstname", name == null || name.isBlank() ? address : name.strip());
        user.put("lastname", "");
        user.put("note", "Created by inbound-router for " + address);
        return user;
    }

    private long create(ObjectNode user) throws DeliveryException {
        JsonNode created = client.post("/api/v1/users", user, "create Zammad user");
        if (!created.path("id").canConvertToLong() || created.path("id").asLong() <= 0) {
            throw DeliveryException.transientFailure("create Zammad user: the answer has no id", null);
        }
        return created.path("id").asLong();
    }

    private static String digits(String s) {
        return s.replaceAll("[^0-9]", "");
    }
}
