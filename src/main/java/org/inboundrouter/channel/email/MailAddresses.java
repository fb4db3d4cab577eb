package org.inboundrouter.channel.email;

import org.inboundrouter.model.Party;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lenient parser for address lists (From, To, Cc, ...).
 * <p>
 * {@code InternetAddress.parseHeader} throws on the broken lists real mail carries (unbalanced quotes, newlines in
 * names, ';' as separator) and decodes display names word by word; this splits the list by hand and never throws.
 * What is left of an entry that has no {@code <addr>} and no '@' is kept as the address, so that a bare
 * {@code MAILER-DAEMON} still identifies the sender.
 */
final class MailAddresses {

    private MailAddresses() {
    }

    /** Parses an unfolded address header value. {@code where} names the header for warnings. */
    static List<Party> parse(String value, String where, List<String> warnings) {
        return parse(value, null, where, warnings);
    }

    /** As {@link #parse(String, String, List)}, with the mail's charset hint for raw 8-bit bytes. */
    static List<Party> parse(String value, EncodedWords.Hint hint, String where, List<String> warnings) {
        List<Party> parties = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return parties;
        }
        // before splitting: a GBK trail byte can be '\\' or '@' and would confuse the split
        String text = EncodedWords.recoverEightBit(value, hint, where, warnings);
        for (String entry : splitEntries(text)) {
            Party party = parseEntry(entry, where, warnings);
            if (party != null) {
                parties.add(party);
            }
        }
        return parties;
    }

    /** Splits at ',' and ';' outside quotes, comments and angle brackets; drops group names ("team: a, b;"). */
    private static List<String> splitEntries(String value) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean angle = false;
        int comment = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                current.append(c);
                if (c == '\\' && i + 1 < value.length()) {
                    current.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = comment == 0 ? true : quoted;
                    current.append(c);
                }
                case '(' -> {
                    comment++;
                    current.append(c);
                }
                case ')' -> {
                    comment = Math.max(0, comment - 1);
                    current.append(c);
                }
                case '<' -> {
                    angle = comment == 0 || angle;
                    current.append(c);
                }
                case '>' -> {
                    angle = false;
                    current.append(c);
                    // "A <a@x> B <b@x>": a missing comma after an address
                    int next = i + 1;
                    while (next < value.length() && value.charAt(next) == ' ') {
                        next++;
                    }
                    if (comment == 0 && next < value.length() && ",;(\r\n".indexOf(value.charAt(next)) < 0
                            && value.indexOf('<', next) >= 0) {
                        entries.add(current.toString());
                        current.setLength(0);
                    }
                }
                case ',', ';', '\r', '\n' -> {
                    if (angle || comment > 0) {
                        current.append(c == '\r' || c == '\n' ? ' ' : c);
                    } else {
                        entries.add(current.toString());
                        current.setLength(0);
                    }
                }
                case ':' -> {
                    // "group: a, b;" - a colon outside <...> before any '@' ends a group name
                    if (!angle && comment == 0 && current.indexOf("@") < 0 && current.indexOf("<") < 0) {
                        current.setLength(0);
                    } else {
                        current.append(c);
                    }
                }
                default -> current.append(c);
            }
        }
        entries.add(current.toString());
        return entries;
    }

    private static Party parseEntry(String entry, String where, List<String> warnings) {
        String s = entry.trim();
        if (s.isEmpty()) {
            return null;
        }
        String address;
        String name;
        int lt = lastUnquoted(s, '<');
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            address = s.substring(lt + 1, gt < 0 ? s.length() : gt);
            name = s.substring(0, lt);
            if (gt < 0) {
                warnings.add(where + ": missing '>' in \"" + abbreviate(s) + "\"");
            } else if (name.isBlank()) {
                name = s.substring(gt + 1); // "<a@b.c> (Name)"
            }
        } else {
            // a bare addr-spec, possibly with the name in a comment: "a@b.c (Name)"
            String bare = stripComments(s).trim();
            String[] words = bare.split("\\s+");
            address = words[words.length - 1];
            for (String w : words) {
                if (w.contains("@")) {
                    address = w;
                }
            }
            name = bare.replace(address, "");
            if (name.isBlank()) {
                name = commentText(s);
            }
        }
        String nameOutsideComments = stripComments(name).trim();
        name = nameOutsideComments.isEmpty() ? commentText(name) : nameOutsideComments;
        address = normalizeAddress(stripComments(address));
        if (address.isEmpty()) {
            return null;
        }
        return new Party(address, cleanName(name, where, warnings));
    }

    private static int lastUnquoted(String s, char wanted) {
        boolean quoted = false;
        int found = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                found = i;
            }
        }
        if (found < 0 && quoted) {
            // unbalanced quote: the bracket may be inside what looks like a quoted string
            found = s.lastIndexOf(wanted);
        }
        return found;
    }

    /** Removes (comments), nested and with \\-escapes, outside quoted strings. */
    private static String stripComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                if (depth == 0) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
                out.append(c);
            } else if (c == '(' && !quoted) {
                depth++;
            } else if (c == ')' && !quoted && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The text inside the (comments), without the parentheses. */
    private static String commentText(String s) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                if (depth > 0) {
                    out.append(s.charAt(i + 1));
                }
                i++;
            } else if (c == '(') {
                if (depth++ > 0) {
                    out.append(c);
                }
            } else if (c == ')' && depth > 0) {
                if (--depth > 0) {
                    out.append(c);
                }
            } else if (depth > 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Strips quotes and spacing; lower-cases the domain (local parts are case-sensitive in theory only). */
    static String normalizeAddress(String raw) {
        String a = raw.trim().replaceAll("\\s+", "");
        if (a.startsWith("\"") && a.endsWith("\"") && a.length() > 1) {
            a = a.substring(1, a.length() - 1);
        }
        // source routes "<@relay:user@host>"
        int colon = a.lastIndexOf(':');
        if (a.startsWith("@") && colon > 0) {
            a = a.substring(colon + 1);
        }
        if (a.startsWith("mailto:") || a.startsWith("MAILTO:")) {
            a = a.substring(7);
        }
        int at = a.lastIndexOf('@');
        if (at >= 0) {
            a = a.substring(0, at + 1) + a.substring(at + 1).toLowerCase(Locale.ROOT);
        }
        return a;
    }

    private static String cleanName(String raw, String where, List<String> warnings) {
        String n = raw == null ? "" : raw.trim();
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '\\' && i + 1 < n.length()) {
                sb.append(n.charAt(++i));
            } else if (c != '"') {
                sb.append(c);
            }
        }
        String decoded = EncodedWords.decodeWords(sb.toString(), where, warnings).replaceAll("\\s+", " ").trim();
        if (decoded.length() >= 2 && decoded.startsWith("'") && decoded.endsWith("'")) {
            decoded = decoded.substring(1, decoded.length() - 1).trim(); // Outlook's 'Name' quoting
        }
        return decoded.isEmpty() ? null : decoded;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
