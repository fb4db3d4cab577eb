package org.inboundrouter.channel.email;

/**
 * RFC 3676 format=flowed: lines ending in a space continue on the next line. Unwrapping them gives the quote
 * detector whole paragraphs and agents readable text.
 */
final class FlowedText {

    private FlowedText() {
    }

    static String unflow(String text, boolean delSp) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        boolean continuing = false;
        int continuingDepth = 0;
        for (String raw : lines) {
            int depth = 0;
            while (depth < raw.length() && raw.charAt(depth) == '>') {
                depth++;
            }
            String line = raw.substring(depth);
            if (line.startsWith(" ")) {
                line = line.substring(1); // space-stuffing
            }
            // a continuation joins the previous line; its quote marks are not repeated
            if (!continuing || depth != continuingDepth) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(">".repeat(depth)).append(depth > 0 && !line.isEmpty() ? " " : "");
            }
            boolean flowed = line.endsWith(" ") && !line.equals("-- ");
            if (flowed && delSp) {
                line = line.substring(0, line.length() - 1);
            }
            out.append(line);
            continuing = flowed;
            continuingDepth = depth;
        }
        return out.toString();
    }
}
