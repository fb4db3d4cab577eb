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

    private static final Pattern CN_MOBILE = Pattern.compile(
            "(?<![0-9A-Za-z+])(?:\\(?(?:\\+|00)?86\\)?[ -]?)?"
                    + "(?<a>1[3-9][0-9])[ -]?(?<b>[0-9]{4})[ -]?(?<c>[0-9]{4})(?![0-9])");

    private static final Pattern E164 = Pattern.compile("(?<![0-9A-Za-z+])\\+[1-9](?:[ -]?[0-9]){7,14}(?![0-9])");

    List<String> find(NormalizedText nt, Claims claims) {
        String text = nt.text();
        Set<String> found = new LinkedHashSet<>();
        Matcher m = CN_MOBILE.matcher(text);
        while (m.find()) {
            if (!claims.overlaps(m.start(), m.end())) {
                claims.claim(m.start(), m.end());
                found.add("+86" + m.group("a") + m.group("b") + m.group("c"));
            }
        }
        m = E164.matcher(text);
        while (m.find()) {
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
