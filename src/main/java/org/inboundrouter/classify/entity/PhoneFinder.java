package org.inboundrouter.classify.entity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers: Chinese mobiles (1[3-9] and 9 more digits, optionally after +86 / 86 / 0086, grouped with spaces or
 * dashes as in 138-1234-5678), reported as +86XXXXXXXXXXX; and international numbers in E.164 form (+ and 8-15
 * digits, spaces and dashes allowed), reported as + and the digits.
 *
 * <p>Neither is cut out of a longer digit or letter run: 2024050313812345678 is an order number, not a phone.
 */
final class PhoneFinder {

    /* A match starts with (, +86, 0086, 86 or the 1 of the mobile number. */
    static final GuardedPattern CN_MOBILE = new GuardedPattern("(+018",
            "(?<![0-9A-Za-z+])(?:\\(?(?:\\+|00)?86\\)?[ -]?)?"
                    + "(?<a>1[3-9][0-9])[ -]?(?<b>[0-9]{4})[ -]?(?<c>[0-9]{4})(?![0-9])");

    /* A match starts with the +. */
    static final GuardedPattern E164 = new GuardedPattern("+", "(?<![0-9A-Za-z+])\\+[1-9](?:[ -]?[0-9]){7,14}(?![0-9])");

    List<String> find(NormalizedText nt, Claims claims) {
        String text = nt.text();
        Set<String> found = new LinkedHashSet<>();
        GuardedPattern.Scan scan = CN_MOBILE.scan(text);
        while (scan.find()) {
            Matcher m = scan.matcher();
            if (!claims.overlaps(m.start(), m.end())) {
                claims.claim(m.start(), m.end());
                found.add("+86" + m.group("a") + m.group("b") + m.group("c"));
            }
        }
        GuardedPattern.Scan e164 = E164.scan(text);
        while (e164.find()) {
            Matcher m = e164.matcher();
            int end = m.end();
            // "+852 9123 4567 100元": spaces allow the number to run into the amount the amount finder already
            // took; end the phone where the claim starts.
            int claimed = claims.firstClaimed(m.start(), end);
            if (claimed == m.start()) {
                continue;
            }
            if (claimed > m.start()) {
                end = claimed;
            }
            String digits = text.substring(m.start() + 1, end).replaceAll("[^0-9]", "");
            if (digits.length() < 8 || digits.length() > 15) {
                continue;
            }
            claims.claim(m.start(), end);
            found.add("+" + digits);
        }
        return new ArrayList<>(found);
    }
}
