package org.inboundrouter.delivery.rt;

import org.inboundrouter.model.Party;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The RT requestor address of a customer. RT identifies requestors by email address, so customers who wrote by SMS
 * or a direct message get a made-up one: {@code <kind>+<id>@<syntheticDomain>}, e.g.
 * {@code sms+8613800138000@customers.invalid}. It is stable (the same customer always maps to the same RT user, so
 * RT shows their earlier tickets) and undeliverable under the default {@code .invalid} domain, so RT's autoreplies
 * to it go nowhere.
 *
 * <p>The id part: an E.164 phone number loses its {@code +}; any other id is lower-cased and every character outside
 * {@code [a-z0-9_-]} becomes {@code _}; when that changed the id, or it had to be shortened to fit the 64-character
 * local part, 8 hex digits of the SHA-256 of the original id are appended, so that distinct ids never share an address.
 */
public final class RtRequestor {

    // deliberately narrow: an address RT's parser might reject is better treated as an id than sent as-is
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern E164 = Pattern.compile("\\+[0-9]{4,15}");
    private static final int MAX_LOCAL = 64;

    private RtRequestor() {
    }

    public static String of(Party customer, String channelKind, String syntheticDomain) {
        String address = customer == null || customer.address() == null ? "" : customer.address().trim();
        if (EMAIL.matcher(address).matches()) {
            return address;
        }
        String kind = sanitize(channelKind == null || channelKind.isBlank() ? "unknown" : channelKind);
        return kind + "+" + idPart(address, MAX_LOCAL - kind.length() - 1) + "@" + syntheticDomain;
    }

    private static String idPart(String id, int room) {
        if (E164.matcher(id).matches()) {
            return id.substring(1);
        }
        String clean = id.isEmpty() ? "unknown" : sanitize(id);
        if (clean.equals(id) && clean.length() <= room) {
            return clean;
        }
        String hash = "." + sha256Hex(id).substring(0, 8);
        return clean.substring(0, Math.min(clean.length(), room - hash.length())) + hash;
    }

    private static String sanitize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
