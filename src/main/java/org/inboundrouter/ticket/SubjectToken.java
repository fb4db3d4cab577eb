package org.inboundrouter.ticket;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ticket reference the router writes into ticket subjects, {@code [#123]}, so that a reply whose mailer dropped
 * In-Reply-To still finds its ticket.
 */
public final class SubjectToken {

    private static final Pattern TOKEN = Pattern.compile("\\[#(\\d{1,18})]");

    private SubjectToken() {
    }

    public static String of(long ticketId) {
        return "[#" + ticketId + "]";
    }

    /** The ticket ids named in {@code subject}; NFKC first, so the full-width {@code ［＃１２３］} counts too. */
    public static List<Long> find(String subject) {
        List<Long> ids = new ArrayList<>();
        if (subject == null) {
            return ids;
        }
        Matcher m = TOKEN.matcher(Normalizer.normalize(subject, Normalizer.Form.NFKC));
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }
}
