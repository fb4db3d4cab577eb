package org.inboundrouter.channel.email;

import org.inboundrouter.model.Intake;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Feeds the real-world mails of three public parser test suites (../shared/data/mail, not part of this project)
 * through the parser: none may make it fail other than with a MailParseException.
 */
class SharedMailCorpusTest {

    private static final Set<String> NOT_MAIL = Set.of("go", "cs", "py", "json", "md", "sh", "yml", "yaml");

    @Test
    void everyMailParsesOrFailsWithAClearMessage() throws IOException {
        Path dir = Path.of(System.getProperty("shared.dir", "../shared"), "data", "mail");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/mail absent: skipped");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(SharedMailCorpusTest::isMail).sorted().toList();
        }
        MailParser parser = new MailParser(1024 * 1024);
        int parsed = 0;
        int warnings = 0;
        List<String> errors = new ArrayList<>();
        for (Path file : files) {
            byte[] raw = Files.readAllBytes(file);
            try {
                Intake intake = parser.parse(raw, TestMails.CHANNEL, TestMails.RECEIVED);
                assertThat(intake.message()).as(file.toString()).isNotNull();
                assertThat(intake.message().text()).as(file.toString()).isNotNull();
                parsed++;
                warnings += intake.message().warnings().size();
            } catch (MailParseException e) {
                assertThat(e.getMessage()).as(file.toString()).isNotBlank();
                errors.add(dir.relativize(file) + ": " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail(file + " threw " + e, e);
            }
        }
        System.out.printf("shared mail corpus: %d files, %d parsed, %d parse errors, %d warnings%n",
                files.size(), parsed, errors.size(), warnings);
        errors.forEach(e -> System.out.println("  parse error: " + e));
        assertThat(files).isNotEmpty();
    }

    /**
     * .eml files; files under testdata/ or dsn/ (.raw, .golden, extension-less); .txt files that start with a header.
     */
    static boolean isMail(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("license") || lower.startsWith("readme")) {
            return false;
        }
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot + 1);
        if (NOT_MAIL.contains(ext)) {
            return false;
        }
        if (ext.equals("eml")) {
            return true;
        }
        if (ext.equals("txt")) {
            return startsWithHeader(file);
        }
        String path = file.toString().replace('\\', '/');
        return path.contains("/testdata/") || path.contains("/dsn/") || path.contains("/TestData/");
    }

    private static boolean startsWithHeader(Path file) {
        try (var in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(200), StandardCharsets.ISO_8859_1);
            return head.matches("(?s)[A-Za-z][A-Za-z0-9-]*:.*");
        } catch (IOException e) {
            return false;
        }
    }
}
