package org.inboundrouter.channel.email;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files uuencoded into a plain-text body (older clients, some scanners and gateways): a "begin MODE NAME" line,
 * encoded lines, "end" (POSIX uuencode's historical format). They are files, not what the customer wrote.
 */
final class InlineUuencode {

    /** A file found in the text. */
    record File(String name, byte[] bytes) {
    }

    /** The text without its uuencoded files, and the files. */
    record Result(String text, List<File> files) {
    }

    private static final Pattern BLOCK = Pattern.compile(
            "(?m)^begin [0-7]{3,4} ([^\\r\\n]+)\\r?\\n((?:[!-`][ -`]*\\r?\\n)*?)`?\\r?\\n?end[ \\t]*(?:\\r?\\n|$)");

    private InlineUuencode() {
    }

    static Result extract(String text) {
        if (!text.contains("begin ")) {
            return new Result(text, List.of());
        }
        Matcher m = BLOCK.matcher(text);
        List<File> files = new ArrayList<>();
        StringBuilder rest = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            files.add(new File(m.group(1).strip(), decode(m.group(2))));
            rest.append(text, last, m.start());
            last = m.end();
        }
        if (files.isEmpty()) {
            return new Result(text, List.of());
        }
        rest.append(text, last, text.length());
        return new Result(rest.toString(), files);
    }

    /** Each line: a length character, then groups of 4 characters (value + 32, '`' for 0) holding 3 bytes. */
    private static byte[] decode(String lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines.split("\\r?\\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int length = (line.charAt(0) - 32) & 0x3F;
            int written = 0;
            for (int i = 1; written < length && i < line.length(); i += 4) {
                int[] v = new int[4];
                for (int k = 0; k < 4; k++) {
                    v[k] = i + k < line.length() ? (line.charAt(i + k) - 32) & 0x3F : 0;
                }
                int[] bytes = {v[0] << 2 | v[1] >> 4, (v[1] & 0xF) << 4 | v[2] >> 2, (v[2] & 0x3) << 6 | v[3]};
                for (int k = 0; k < 3 && written < length; k++, written++) {
                    out.write(bytes[k] & 0xFF);
                }
            }
        }
        return out.toByteArray();
    }
}
