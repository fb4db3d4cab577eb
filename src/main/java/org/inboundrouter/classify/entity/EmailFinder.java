package org.inboundrouter.classify.entity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email addresses, with the domain lower-cased (the local part is left alone: it may be case-sensitive).
 * Trailing punctuation (。，. !) never becomes part of an address because a domain must end in letters.
 */
final class EmailFinder {

    /*
     * Domain labels cannot contain a dot, so (label.)*label.tld matches in one pass without backtracking blow-ups.
     * The local part may not start right after another address character (so we do not start mid-word).
     */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])(?<local>[A-Za-z0-9._%+-]{1,64})@"
                    + "(?<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24})(?![A-Za-z0-9-])");

    List<String> find(NormalizedText nt, Claims claims) {
        if (nt.text().indexOf('@') < 0) {
            return new ArrayList<>(); // most messages hold no address: skip trying the pattern at every char
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher m = EMAIL.matcher(nt.text());
        while (m.find()) {
            String local = m.group("local");
            if (local.startsWith(".") || local.endsWith(".") || claims.overlaps(m.start(), m.end())) {
                continue;
            }
            claims.claim(m.start(), m.end());
            found.add(local + "@" + m.group("domain").toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(found);
    }
}
