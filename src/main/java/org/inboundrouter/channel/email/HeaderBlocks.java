package org.inboundrouter.channel.email;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Finds where a header block really ends (RFC 5322 2.1: header fields, then an empty line, then the body).
 * <p>
 * Angus takes every line up to the first empty line for a header, so a mail without a header block, or one whose
 * mailer forgot the empty line, loses its first paragraph. Here the body starts at the first line that is neither a
 * header field ({@code name:}, RFC 5322 2.2) nor a folded continuation when
 * <ul>
 *   <li>it is the very first line (no header block at all),</li>
 *   <li>it is a MIME delimiter line ("--..."), or</li>
 *   <li>the next line is no header field either, or there is no next line: two lines of text are a body.</li>
 * </ul>
 * A single stray line between header fields ("quite Delivered-To: ...", a broken fold) stays in the header block, as
 * Angus reads it: the fields after it (often Content-Type) matter more than one lost line.
 */
final class HeaderBlocks {

    private HeaderBlocks() {
    }

    /**
     * The bytes to hand to Angus: {@code raw} itself when its header block is well formed, else a copy with an
     * empty line inserted where the body starts (and a warning naming the line). A leading UTF-8 byte order mark is
     * dropped. {@code where} names the entity ("message header", "part 2 header").
     */
    static byte[] withBodyBoundary(byte[] raw, String where, List<String> warnings) {
        int start = raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF
                ? 3 : 0;
        int bodyStart = bodyStart(raw, start);
        if (bodyStart < 0) {
            return start == 0 ? raw : java.util.Arrays.copyOfRange(raw, start, raw.length);
        }
        if (bodyStart == start) {
            warnings.add(where + ": no header block, the whole text read as the body (RFC 5322 2.1)");
        } else {
            int eol = lineEnd(raw, bodyStart);
            String line = new String(raw, bodyStart, Math.min(eol - bodyStart, 60), StandardCharsets.ISO_8859_1)
                    .strip();
            warnings.add(where + ": \"" + line + "\" is no header field (RFC 5322 2.2), the body starts there");
        }
        byte[] out = new byte[raw.length - start + 2];
        System.arraycopy(raw, start, out, 0, bodyStart - start);
        out[bodyStart - start] = '\r';
        out[bodyStart - start + 1] = '\n';
        System.arraycopy(raw, bodyStart, out, bodyStart - start + 2, raw.length - bodyStart);
        return out;
    }

    /** Where the body starts when the header block lacks its empty line; -1 when the block is well formed. */
    static int bodyStart(byte[] raw, int from) {
        int line = from;
        int n = raw.length;
        boolean first = true;
        while (line < n) {
            int eol = lineEnd(raw, line);
            if (isBlank(raw, line, eol)) {
                return -1; // the empty line that ends a proper header block
            }
            boolean mboxFrom = first && startsWith(raw, line, "From ");
            // a first line indented by mistake (" From: ...") is still a field
            int fieldStart = first ? skipBlanks(raw, line, eol) : line;
            if (!mboxFrom && !isField(raw, fieldStart, eol) && !(isFold(raw, line) && !first)) {
                if (first || raw[line] == '-' && line + 1 < n && raw[line + 1] == '-') {
                    return line;
                }
                int next = eol < n ? eol + 1 : n;
                if (next >= n) {
                    return line;
                }
                int nextEol = lineEnd(raw, next);
                if (!isBlank(raw, next, nextEol) && !isField(raw, next, nextEol) && !isFold(raw, next)) {
                    return line;
                }
            }
            first = false;
            line = eol < n ? eol + 1 : n;
        }
        return -1;
    }

    /** The index of the line's '\n', or the end of the bytes. */
    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return raw.length;
    }

    private static boolean isBlank(byte[] raw, int from, int eol) {
        for (int i = from; i < eol; i++) {
            if (raw[i] != '\r' && raw[i] != ' ' && raw[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int skipBlanks(byte[] raw, int from, int eol) {
        int i = from;
        while (i < eol && (raw[i] == ' ' || raw[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isFold(byte[] raw, int line) {
        return raw[line] == ' ' || raw[line] == '\t';
    }

    /** RFC 5322 2.2: field-name (printable ASCII but ':'), optional blanks (seen in the wild), ':'. */
    private static boolean isField(byte[] raw, int from, int eol) {
        int i = from;
        while (i < eol && raw[i] > 32 && raw[i] < 127 && raw[i] != ':') {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < eol && (raw[i] == ' ' || raw[i] == '\t')) {
            i++;
        }
        return i < eol && raw[i] == ':';
    }

    private static boolean startsWith(byte[] raw, int from, String prefix) {
        if (raw.length - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (raw[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
