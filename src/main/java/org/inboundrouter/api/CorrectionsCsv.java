package org.inboundrouter.api;

import org.inboundrouter.store.Corrections.LabelledCorrection;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Corrections as labelled examples in eval's format ({@code classify.LabelledExamples}): a header {@code text,category},
 * then one row per corrected message, RFC 4180 (fields quoted when they hold a comma, a quote, a line break or
 * leading or trailing white space; quotes doubled; CRLF between rows), UTF-8 without a byte-order mark.
 *
 * <ul>
 *   <li>text: the message's subject and text joined by a line break (either alone when the other is empty). The
 *   classifier reads both (a subject keyword weighs more), and eval classifies a row's text as the body of a message
 *   without subject, so the subject's words are kept in the text to be seen at all. On a line of its own it cannot
 *   run into the text's first word.</li>
 *   <li>category: the latest correction of that message in the range asked for, so that a ticket corrected twice
 *   gives one example with its final label, not two that disagree.</li>
 *   <li>A correction whose message has no text at all (or is missing) is left out: it labels nothing.</li>
 * </ul>
 */
final class CorrectionsCsv {

    static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    private static final String EOL = "\r\n";

    private CorrectionsCsv() {
    }

    static byte[] write(List<LabelledCorrection> corrections) {
        Map<String, LabelledCorrection> latest = new LinkedHashMap<>();
        for (LabelledCorrection c : corrections) {
            String key = c.correction().messageId();
            if (key != null) {
                // a later correction of the same message replaces the earlier one, in its own place
                latest.remove(key);
                latest.put(key, c);
            }
        }
        StringBuilder csv = new StringBuilder("text,category").append(EOL);
        for (LabelledCorrection c : latest.values()) {
            String text = exampleText(c.subject(), c.text());
            if (text.isEmpty()) {
                continue;
            }
            csv.append(field(text)).append(',').append(field(c.correction().newCategory())).append(EOL);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What the classifier sees of a message, as one text: the subject, a line break, the text. */
    static String exampleText(String subject, String text) {
        String s = subject == null ? "" : subject.strip();
        String t = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return t;
        }
        return t.isEmpty() ? s : s + "\n" + t;
    }

    /** One RFC 4180 field. */
    static String field(String value) {
        boolean quote = value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                || Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1));
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
