package org.inboundrouter.classify.entity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transaction, order, serial and reference numbers. Mostly a label followed by the id (交易号：2024…, 訂單號 …,
 * order no. …, txn id …, ref …); also a bare 16-32 digit number a few characters after 交易/订单/transaction/order,
 * which is how users paste ids out of their transaction history.
 *
 * <p>The span ({@code text}, {@code start}, {@code end}) covers label and id as written, so a reader sees which label
 * the user used; {@code value} is the id alone, normalized (full-width to ASCII).
 */
final class ReferenceFinder {

    static final String TRANSACTION = "transaction";
    static final String ORDER = "order";
    static final String SERIAL = "serial";
    static final String REFERENCE = "reference";

    /*
     * Labels, one named group per kind. Alternatives that share a start are longest first (交易流水号 before 交易号,
     * 交易单号 before 单号 is automatic: the match starting at 交 is found before the one starting at 单).
     * 流水 makes a serial even after 交易; 支付单号 is the payment's (transaction's) number.
     */
    private static final String LABEL = "(?:"
            + "(?<serial>(?:交易)?流水(?:号|號))"
            + "|(?<txn>交易(?:单|單)?(?:号|號|编号|編號|id)|支付(?:单|單)(?:号|號)"
            + "|\\b(?:transaction|txn|trx)[ \\t_-]{0,2}(?:id\\b|no\\b\\.?|number\\b|num\\b|#|ref\\b\\.?|reference\\b))"
            + "|(?<order>(?:订单|訂單)(?:号|號|编号|編號|id)|(?:商户|商戶)?(?:单|單)(?:号|號)"
            + "|\\border[ \\t_-]{0,2}(?:id\\b|no\\b\\.?|number\\b|num\\b|#))"
            + "|(?<ref>(?:参考|參考)(?:号|號|编号|編號)"
            + "|\\b(?:reference|ref)\\b\\.?(?:[ \\t]{0,2}(?:id\\b|no\\b\\.?|number\\b|num\\b|code\\b|#))?)"
            + ")(?:码|碼)?";
    /* Between label and id: 交易号：, 订单号 是 , order number is , ref# , 单号(…) */
    private static final String SEPARATOR = "[ \\t:#=(\\[【]{0,4}(?:(?:是|为|為|(?:is|was)\\b)[ \\t:#]{0,3})?";
    /* 6-40 letters and digits; inner - and _ allowed (TX-2024-0001); never cut out of a longer run. */
    private static final String VALUE = "(?<value>[A-Za-z0-9][A-Za-z0-9_-]{4,38}[A-Za-z0-9])(?![A-Za-z0-9])";

    /* A match starts with a label. */
    static final GuardedPattern LABELLED = new GuardedPattern("交流支订訂商单單参參tor", LABEL + SEPARATOR + VALUE,
            Pattern.CASE_INSENSITIVE);

    /*
     * A long unlabelled number shortly after 交易/订单: 交易记录里的2024050312345678901. Only digits, no line break. A
     * match starts with 交易, 订单, transaction, txn or order.
     */
    static final GuardedPattern NEAR_WORD = new GuardedPattern("交订訂to",
            "(?<word>交易|订单|訂單|\\btransaction|\\btxn|\\border)[^0-9\\n。!?！？]{0,8}"
                    + "(?<![0-9])(?<value>[0-9]{16,32})(?![0-9])",
            Pattern.CASE_INSENSITIVE);

    List<Reference> find(NormalizedText nt, Claims claims) {
        String text = nt.text();
        Map<String, Reference> found = new LinkedHashMap<>();
        GuardedPattern.Scan scan = LABELLED.scan(text);
        while (scan.find()) {
            Matcher m = scan.matcher();
            String value = m.group("value");
            if (!hasDigit(value) || claims.overlaps(m.start(), m.end())) {
                continue; // "order number please" is no order number
            }
            add(found, nt, claims, kind(m), value, m.start(), m.end());
        }
        GuardedPattern.Scan nearWord = NEAR_WORD.scan(text);
        while (nearWord.find()) {
            Matcher m = nearWord.matcher();
            String gap = text.substring(m.end("word"), m.start("value"));
            // 交易卡号6222…: a bank card number, not a transaction id
            if (gap.contains("卡") || gap.toLowerCase(Locale.ROOT).contains("card")
                    || claims.overlaps(m.start("value"), m.end())) {
                continue;
            }
            String word = m.group("word").toLowerCase(Locale.ROOT);
            String kind = word.equals("交易") || word.startsWith("t") ? TRANSACTION : ORDER;
            add(found, nt, claims, kind, m.group("value"), m.start("value"), m.end("value"));
        }
        List<Reference> refs = new ArrayList<>(found.values());
        refs.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return refs;
    }

    private static void add(Map<String, Reference> found, NormalizedText nt, Claims claims,
                            String kind, String value, int start, int end) {
        claims.claim(start, end);
        found.putIfAbsent(value, new Reference(kind, value, nt.originalText(start, end),
                nt.originalStart(start), nt.originalEnd(end)));
    }

    private static String kind(Matcher m) {
        if (m.group("serial") != null) {
            return SERIAL;
        }
        if (m.group("txn") != null) {
            return TRANSACTION;
        }
        if (m.group("order") != null) {
            return ORDER;
        }
        return REFERENCE;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }
}
