package org.inboundrouter.channel.email;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a multipart body at its delimiter lines (RFC 2046 5.1.1), the way mail readers do rather than the way the
 * grammar says.
 * <p>
 * A delimiter line is a line that starts with "--" and the boundary. The RFC allows only linear white space after it
 * (and "--" for the close delimiter); mailers write other text there too ("--b junk"), and Angus then finds no
 * boundary at all. Here the boundary must be followed by the end of the line, white space, or "--": anything after
 * that is ignored, while "--b2-inner" (another boundary that starts with this one) is not taken for "--b2". Trailing
 * blanks of the boundary parameter are dropped: RFC 2046's {@code bcharsnospace} forbids them, and mailers that
 * write them do not repeat them on the delimiter lines. A missing close delimiter ends the last part at the end of
 * the body.
 */
final class Multiparts {

    /** The parts of one multipart body; {@code closed}: whether a close delimiter was found. */
    record Split(List<byte[]> parts, boolean closed) {
    }

    private Multiparts() {
    }

    /** RFC 2046 5.1.1: a boundary never ends with a blank; a quoted one may still carry them. */
    static String normalizeBoundary(String boundary) {
        return boundary == null ? null : boundary.stripTrailing();
    }

    /**
     * The parts between the delimiter lines of {@code boundary} (without the line break that belongs to the
     * delimiter), or null when the body holds no delimiter line at all. The preamble and epilogue are dropped.
     */
    static Split split(byte[] body, String boundary) {
        byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> parts = new ArrayList<>();
        int partStart = -1; // start of the current part's content, -1 before the first delimiter
        int n = body.length;
        int line = 0;
        while (line < n) {
            int eol = indexOf(body, (byte) '\n', line);
            int next = eol < 0 ? n : eol + 1;
            int kind = delimiter(body, line, next, dashBoundary);
            if (kind != 0) {
                if (partStart >= 0) {
                    parts.add(Arrays.copyOfRange(body, partStart, contentEnd(body, partStart, line)));
                }
                if (kind == 2) {
                    return new Split(parts, true);
                }
                partStart = next;
            }
            line = next;
        }
        if (partStart < 0) {
            return null;
        }
        if (partStart < n) {
            parts.add(Arrays.copyOfRange(body, partStart, n));
        }
        return new Split(parts, false);
    }

    /** 0: no delimiter; 1: a delimiter; 2: the close delimiter. */
    private static int delimiter(byte[] body, int start, int end, byte[] dashBoundary) {
        if (end - start < dashBoundary.length) {
            return 0;
        }
        for (int i = 0; i < dashBoundary.length; i++) {
            if (body[start + i] != dashBoundary[i]) {
                return 0;
            }
        }
        int i = start + dashBoundary.length;
        if (i + 1 < end && body[i] == '-' && body[i + 1] == '-') {
            return 2;
        }
        if (i >= end || body[i] == '\r' || body[i] == '\n') {
            return 1;
        }
        if (body[i] != ' ' && body[i] != '\t') {
            return 0; // another boundary that merely starts with this one
        }
        while (i < end && (body[i] == ' ' || body[i] == '\t')) {
            i++;
        }
        return i + 1 < end && body[i] == '-' && body[i + 1] == '-' ? 2 : 1;
    }

    /** The line break before a delimiter line belongs to the delimiter (RFC 2046 5.1.1). */
    private static int contentEnd(byte[] body, int partStart, int delimiterLine) {
        int end = delimiterLine;
        if (end > partStart && body[end - 1] == '\n') {
            end--;
            if (end > partStart && body[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
