package org.inboundrouter.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a message's plain text into what the writer wrote now, the quoted history of earlier messages, and the
 * signature. Works on any channel's text; knows the markers of the common English and Chinese mail clients.
 */
public final class QuotedHistory {

    /**
     * @param text      what the writer wrote now; never null, never emptied by the split
     * @param quoted    the quoted history, null when there was none
     * @param signature the signature or mobile footer, null when there was none
     */
    public record Split(String text, String quoted, String signature) {
    }

    private static final Pattern ON_WROTE = Pattern.compile("(?i)^on\\s.{0,300}\\swrote\\s*:$");
    private static final Pattern CN_WROTE = Pattern.compile("(写道|寫道)\\s*[:：]$");
    private static final Pattern ATTRIBUTION_START = Pattern.compile("(?i)^(on\\s|在|于|於)");
    private static final Pattern SEPARATOR = Pattern.compile(
            "(?i)^-{2,}\\s*(original message|原始邮件|原始郵件|回复的原邮件|回覆的原郵件|原邮件)\\s*-{2,}$");
    private static final Pattern FROM_LINE = Pattern.compile("^\\*?(from|发件人|發件人|寄件者|寄件人)\\*?\\s*[:：]",
            Pattern.CASE_INSENSITIVE);
    // a date line alone confirms a header block; the others only in pairs, so that "From: my card / To: his
    // account" in a customer's own text is not taken for quoted history
    private static final Pattern STRONG_HEADER = Pattern.compile(
            "^\\*?(sent|date|发送时间|發送時間|日期|寄件日期)\\*?\\s*[:：]", Pattern.CASE_INSENSITIVE);
    private static final Pattern WEAK_HEADER = Pattern.compile(
            "^\\*?(to|cc|subject|收件人|收件者|抄送|副本|主题|主題)\\*?\\s*[:：]", Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE = Pattern.compile("^(_{10,}|-{10,})$");
    private static final Pattern QUOTE_LINE = Pattern.compile("^\\s{0,2}>");
    private static final Pattern MOBILE_FOOTER = Pattern.compile("(?i)^(sent from my .{1,40}"
            + "|sent from (mail|outlook|yahoo mail) for .{1,30}|get outlook for (android|ios).{0,20}"
            + "|发自我的.{1,30}|從我的.{1,30}傳送|从我的.{1,30}发送|寄自我的.{1,30}|来自我的.{1,30})$");
    private static final int HEADER_BLOCK_LINES = 6;

    private QuotedHistory() {
    }

    public static Split split(String text) {
        if (text == null || text.isBlank()) {
            return new Split(text == null ? "" : tidy(text), null, null);
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        Split split = attempt(lines, true);
        if (split.text().isEmpty()) {
            // e.g. an inline reply that starts with "On ... wrote:": keep the reply, lose only the '>' lines
            split = attempt(lines, false);
        }
        if (split.text().isEmpty()) {
            return new Split(tidy(text), null, null);
        }
        return split;
    }

    private static Split attempt(String[] lines, boolean cutAtHeaders) {
        int cut = cutAtHeaders ? historyStart(lines) : lines.length;
        List<String> kept = new ArrayList<>();
        List<String> quoted = new ArrayList<>();
        int i = 0;
        while (i < cut) {
            if (!QUOTE_LINE.matcher(lines[i]).find()) {
                kept.add(lines[i]);
                i++;
                continue;
            }
            int end = i;
            int next = i;
            while (next < cut && (QUOTE_LINE.matcher(lines[next]).find() || lines[next].isBlank())) {
                if (!lines[next].isBlank()) {
                    end = next + 1;
                }
                next++;
            }
            // an attribution line right above the quote belongs to it
            int attribution = kept.size() - 1;
            while (attribution >= 0 && kept.get(attribution).isBlank()) {
                attribution--;
            }
            if (attribution >= 0 && isAttribution(norm(kept.get(attribution)))) {
                quoted.add(kept.remove(attribution));
            }
            boolean trailing = next >= cut;
            if (trailing) {
                cut = i;
                break;
            }
            // an inline reply: the quoted lines leave, the writer's answers between them stay
            for (int q = i; q < end; q++) {
                quoted.add(lines[q]);
            }
            quoted.add("");
            i = end;
        }
        for (int q = cut; q < lines.length; q++) {
            quoted.add(lines[q]);
        }
        int sig = signatureStart(kept);
        List<String> signature = new ArrayList<>();
        if (sig >= 0) {
            List<String> tail = kept.subList(sig, kept.size());
            signature.addAll(tail.get(0).strip().equals("--") ? tail.subList(1, tail.size()) : tail);
            tail.clear();
        }
        String q = tidy(String.join("\n", quoted));
        String s = tidy(String.join("\n", signature));
        return new Split(tidy(String.join("\n", kept)), q.isEmpty() ? null : q, s.isEmpty() ? null : s);
    }

    /** The first line of quoted history announced by an attribution, separator or header block; else length. */
    private static int historyStart(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String line = norm(lines[i]);
            if (line.isEmpty()) {
                continue;
            }
            if (isAttribution(line) || SEPARATOR.matcher(line).find()) {
                return i;
            }
            // attributions wrap: "On Mon, 1 Jan 2024 at 10:00, Somebody <a@b.c>\nwrote:"
            if (i + 1 < lines.length && ATTRIBUTION_START.matcher(line).find()
                    && isAttribution(line + " " + norm(lines[i + 1]))) {
                return i;
            }
            if (FROM_LINE.matcher(line).find() && headerBlockFollows(lines, i + 1)) {
                int start = i;
                int above = i - 1;
                while (above >= 0 && norm(lines[above]).isEmpty()) {
                    above--;
                }
                if (above >= 0 && RULE.matcher(norm(lines[above])).matches()) {
                    start = above;
                }
                return start;
            }
        }
        return lines.length;
    }

    private static boolean headerBlockFollows(String[] lines, int from) {
        int weak = 0;
        for (int j = from; j < Math.min(lines.length, from + HEADER_BLOCK_LINES); j++) {
            String line = norm(lines[j]);
            if (STRONG_HEADER.matcher(line).find()) {
                return true;
            }
            if (WEAK_HEADER.matcher(line).find() && ++weak >= 2) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAttribution(String line) {
        return ON_WROTE.matcher(line).find() || CN_WROTE.matcher(line).find();
    }

    private static int signatureStart(List<String> kept) {
        boolean content = false;
        for (int i = 0; i < kept.size(); i++) {
            String line = kept.get(i);
            String n = norm(line);
            if (content && (line.equals("-- ") || line.equals("--") || MOBILE_FOOTER.matcher(n).matches())) {
                return i;
            }
            content |= !n.isEmpty();
        }
        return -1;
    }

    private static String norm(String line) {
        return line.replace('\u00A0', ' ').replace('\u3000', ' ').strip();
    }

    /**
     * Trailing whitespace off every line, no more than one blank line in a row, no blank lines at either end.
     */
    public static String tidy(String text) {
        if (text == null) {
            return "";
        }
        String t = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00A0', ' ');
        t = t.replaceAll("[ \\t\\u3000]+\\n", "\n").replaceAll("[ \\t\\u3000]+$", "");
        t = t.replaceAll("\\n{3,}", "\n\n");
        return t.replaceAll("^\\n+", "").replaceAll("\\n+$", "");
    }
}
