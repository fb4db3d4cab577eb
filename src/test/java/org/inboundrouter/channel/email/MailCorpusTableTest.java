package org.inboundrouter.channel.email;

import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Intake;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, item 4: the torture set (src/test/resources/mail/torture) and, when present, ../shared/data/mail through
 * the parser as the email channel calls it. Prints a table (parsed, quarantined with reason, warnings by kind) and
 * fails on any exception other than MailParseException and on any quarantine whose reason is not in
 * {@link #ALLOWED_QUARANTINE}: a mail is quarantined only when no reasonable reading exists, and says which rule
 * it breaks.
 */
class MailCorpusTableTest {

    /** The reasons a mail may be quarantined for; each names the rule the mail breaks. */
    static final List<String> ALLOWED_QUARANTINE = List.of(
            "message: not a mail: no From, Date, Subject, To, Message-ID or MIME header field (RFC 5322 3.6");

    /** Mail that may be quarantined: the one torture fixture written to be unreadable. */
    private static final Pattern MAY_QUARANTINE = Pattern.compile("q\\d\\d-.*");
    /* Text decoded twice or not at all: an encoded word left over, UTF-8 read as windows-1252. */
    private static final Pattern UNDECODED = Pattern.compile("=\\?[A-Za-z0-9_-]+\\?[bBqQ]\\?[^?\\s]*\\?=|Ã[\\x80-\\xBF¡-¿]|â€");
    /* The variable parts of a warning: where it is, quoted values, numbers. */
    private static final Pattern WHERE = Pattern.compile(
            "^(message body|message header|part [0-9.]+ header|part [0-9.]+|header [A-Za-z-]+|message body header"
                    + " [A-Za-z-]+|part [0-9.]+ header [A-Za-z-]+)( \\([^)]*\\))?( parameter [a-z*0-9-]+)?: ");

    @Test
    void corpusTable() throws IOException, URISyntaxException {
        Path torture = Path.of(MailCorpusTableTest.class.getResource("/mail/torture").toURI());
        Path shared = Path.of(System.getProperty("shared.dir", "../shared"), "data", "mail");
        List<Row> rows = new ArrayList<>();
        rows.add(run("torture set", torture, list(torture, p -> p.toString().endsWith(".eml"))));
        if (Files.isDirectory(shared)) {
            rows.add(run("../shared/data/mail", shared, list(shared, SharedMailCorpusTest::isMail)));
        } else {
            System.out.println("../shared/data/mail absent: only the torture set");
        }

        System.out.println("| corpus | mails | parsed | quarantined | escaped | undecoded text | warnings |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Row r : rows) {
            System.out.printf("| %s | %d | %d | %d | %d | %d | %d |%n", r.name, r.mails, r.parsed,
                    r.quarantined.size(), r.escaped.size(), r.undecoded.size(),
                    r.warnings.values().stream().mapToInt(Integer::intValue).sum());
        }
        for (Row r : rows) {
            System.out.println("\n" + r.name + ": warnings by kind");
            System.out.println("| kind | count |\n| --- | ---: |");
            r.warnings.forEach((kind, n) -> System.out.println("| " + kind + " | " + n + " |"));
            r.quarantined.forEach(q -> System.out.println("quarantined: " + q));
            r.undecoded.forEach(u -> System.out.println("undecoded: " + u));
            r.escaped.forEach(e -> System.out.println("ESCAPED: " + e));
        }
        for (Row r : rows) {
            assertThat(r.escaped).as(r.name + ": exceptions escaping the parser").isEmpty();
            assertThat(r.badQuarantine).as(r.name + ": quarantined without an allowed reason").isEmpty();
            assertThat(r.parsed).as(r.name).isPositive();
        }
    }

    private static final class Row {
        final String name;
        int mails;
        int parsed;
        final List<String> quarantined = new ArrayList<>();
        final List<String> badQuarantine = new ArrayList<>();
        final List<String> escaped = new ArrayList<>();
        final List<String> undecoded = new ArrayList<>();
        final Map<String, Integer> warnings = new TreeMap<>();

        Row(String name) {
            this.name = name;
        }
    }

    private static Row run(String name, Path dir, List<Path> files) throws IOException {
        Row row = new Row(name);
        MailParser parser = new MailParser(1024 * 1024);
        for (Path file : files) {
            row.mails++;
            String rel = dir.relativize(file).toString();
            try {
                Intake intake = parser.parse(Files.readAllBytes(file), TestMails.CHANNEL, TestMails.RECEIVED);
                InboundMessage m = intake.message();
                row.parsed++;
                for (String w : m.warnings()) {
                    row.warnings.merge(kind(w), 1, Integer::sum);
                }
                String visible = (m.subject() == null ? "" : m.subject()) + "\n" + m.text();
                if (UNDECODED.matcher(visible).find()) {
                    row.undecoded.add(rel);
                }
            } catch (MailParseException e) {
                row.quarantined.add(rel + ": " + e.getMessage());
                boolean allowed = ALLOWED_QUARANTINE.stream().anyMatch(e.getMessage()::startsWith);
                if (!allowed || dir.endsWith("torture") && !MAY_QUARANTINE.matcher(file.getFileName().toString())
                        .matches()) {
                    row.badQuarantine.add(rel + ": " + e.getMessage());
                }
            } catch (RuntimeException | StackOverflowError e) {
                row.escaped.add(rel + ": " + e);
            }
        }
        return row;
    }

    /** "part 2 (text/plain): charset \"x\" but ..." becomes "charset … but ...". */
    static String kind(String warning) {
        String w = WHERE.matcher(warning).replaceFirst("");
        return w.replaceAll("\"[^\"]*\"", "…").replaceAll("\\b\\d+ bytes", "N bytes").replace("|", "/");
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(keep).sorted().toList();
        }
    }
}
