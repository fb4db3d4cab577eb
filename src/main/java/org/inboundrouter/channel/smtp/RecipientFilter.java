package org.inboundrouter.channel.smtp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which envelope recipients the listener takes mail for: whole addresses ({@code support@example.com}) and whole
 * domains ({@code @example.com}, not its subdomains). Compared without regard to case: RFC 5321 lets a local part be
 * case-sensitive, but no mail system a support desk sits behind makes use of that, and a customer who types
 * {@code Support@} must still reach the desk.
 */
public final class RecipientFilter {

    private final Set<String> addresses;
    private final Set<String> domains;

    private RecipientFilter(Set<String> addresses, Set<String> domains) {
        this.addresses = addresses;
        this.domains = domains;
    }

    /** Parses a comma- or space-separated list; throws IllegalArgumentException naming the entry that is wrong. */
    public static RecipientFilter parse(String list) {
        Set<String> addresses = new LinkedHashSet<>();
        Set<String> domains = new LinkedHashSet<>();
        for (String entry : list.split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            String e = entry.toLowerCase(Locale.ROOT);
            int at = e.lastIndexOf('@');
            if (at < 0 || at == e.length() - 1 || !validDomain(e.substring(at + 1))) {
                throw new IllegalArgumentException("\"" + entry
                        + "\" is neither an address (support@example.com) nor a domain (@example.com)");
            }
            if (at == 0) {
                domains.add(e.substring(1));
            } else {
                addresses.add(e);
            }
        }
        if (addresses.isEmpty() && domains.isEmpty()) {
            throw new IllegalArgumentException("lists no address or domain");
        }
        return new RecipientFilter(Set.copyOf(addresses), Set.copyOf(domains));
    }

    private static boolean validDomain(String domain) {
        return domain.matches("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)*");
    }

    /** Whether mail for {@code address} (an envelope path without angle brackets) is taken. */
    public boolean accepts(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (addresses.contains(a)) {
            return true;
        }
        int at = a.lastIndexOf('@');
        return at > 0 && domains.contains(a.substring(at + 1));
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(addresses);
        domains.forEach(d -> all.add("@" + d));
        return String.join(", ", all);
    }
}
