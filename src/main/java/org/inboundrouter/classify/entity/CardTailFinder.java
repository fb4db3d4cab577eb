package org.inboundrouter.classify.entity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last four digits of a bank card, the way users give them: 尾号1234, 卡号后四位1234, 后四位是1234, 末四位1234,
 * ending in 1234, last four digits: 1234, and masked numbers (card ****1234, 6222 **** **** 1234).
 */
final class CardTailFinder {

    /* A match starts with a Chinese or English marker or a mask. */
    static final GuardedPattern CARD_TAIL = new GuardedPattern("尾卡的最后後末el*•", "(?:"
            // 尾号 / 尾数, or (卡号的)(最)后四位 / 末4位 (数字)
            + "(?<zh>尾号|尾號|尾数|尾數|(?:卡号|卡號)?的?最?[后後末][ \\t]?(?:四|4)[ \\t]?位(?:数字|數字|数|數)?)"
            + "[ \\t]{0,2}(?:是|为|為)?[ \\t:]{0,3}"
            // ending in / ending with / last 4 digits (of my card) (is|are)
            + "|(?:\\bending[ \\t]+(?:in|with)|\\blast[ \\t]+(?:4|four)(?:[ \\t]+digits?)?"
            + "(?:[ \\t]+of[ \\t]+(?:my[ \\t]+|the[ \\t]+)?(?:card|account))?(?:[ \\t]+(?:is|are))?)[ \\t:]{0,3}"
            // a masked card number; only from the start of the mask, and never giving back stars (a long run of
            // them would otherwise be retried from every position)
            + "|(?<![*•])[*•]{2,}+[ \\t]?"
            + ")(?<digits>[0-9]{4})(?![0-9])", Pattern.CASE_INSENSITIVE);

    /* 手机尾号5678 is a phone's tail, not a card's. */
    private static final Pattern PHONE_BEFORE = Pattern.compile("(?:手机|手機|电话|電話|phone|mobile)[号號码碼]*[ \\t]*$",
            Pattern.CASE_INSENSITIVE);

    List<String> find(NormalizedText nt, Claims claims) {
        String text = nt.text();
        Set<String> found = new LinkedHashSet<>();
        GuardedPattern.Scan scan = CARD_TAIL.scan(text);
        while (scan.find()) {
            Matcher m = scan.matcher();
            if (claims.overlaps(m.start(), m.end())) {
                continue;
            }
            if (m.group("zh") != null
                    && PHONE_BEFORE.matcher(text.substring(Math.max(0, m.start() - 6), m.start())).find()) {
                continue;
            }
            claims.claim(m.start(), m.end());
            found.add(m.group("digits"));
        }
        return new ArrayList<>(found);
    }
}
