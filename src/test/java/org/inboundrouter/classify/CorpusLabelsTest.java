package org.inboundrouter.classify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The labels of the corpus (corpus/labels/*.tsv, committed; the texts are rebuilt from their sources) stay usable:
 * every label is a category of the shipped taxonomy with a known flag, no key is labelled twice, and every label
 * file has the reader (corpus/sources/*.py) that names it.
 */
class CorpusLabelsTest {

    private static final Path CORPUS = Path.of("corpus");
    private static final Pattern SOURCE = Pattern.compile("(?m)^SOURCE\\s*=\\s*[\"']([^\"']+)[\"']");

    @Test
    void everyLabelIsACategoryWithAFlagAndEveryKeyIsLabelledOnce() throws Exception {
        Set<String> ids = TaxonomyReader.read(Path.of("classifiers/wallet-support.yaml")).categories().stream()
                .map(Taxonomy.Category::id).collect(Collectors.toSet());
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS.resolve("labels"))) {
            files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        int clear = 0;
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).as(f + " header").isEqualTo("key\tcategory\tflag\tnote");
            Set<String> keys = new HashSet<>();
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String[] cols = lines.get(i).split("\t", -1);
                String where = f + ":" + (i + 1);
                assertThat(cols.length).as(where + " columns").isBetween(3, 4);
                assertThat(ids).as(where + " category").contains(cols[1]);
                assertThat(cols[2]).as(where + " flag").isIn("clear", "ambiguous");
                assertThat(keys.add(cols[0])).as(where + " key labelled twice: " + cols[0]).isTrue();
                clear += cols[2].equals("clear") ? 1 : 0;
            }
        }
        // label lines, not messages: a group line labels every wording of one FAQ (5,581 clear messages in all)
        assertThat(clear).as("clear label lines").isGreaterThanOrEqualTo(2500);
    }

    @Test
    void everyLabelFileHasItsReader() throws Exception {
        Set<String> sources = new HashSet<>();
        try (Stream<Path> s = Files.list(CORPUS.resolve("sources"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".py")).toList()) {
                Matcher m = SOURCE.matcher(Files.readString(p, StandardCharsets.UTF_8));
                if (m.find()) {
                    sources.add(m.group(1));
                }
            }
        }
        try (Stream<Path> s = Files.list(CORPUS.resolve("labels"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".tsv")).toList()) {
                String id = f.getFileName().toString().replaceFirst("\\.tsv$", "");
                assertThat(sources).as("a reader with SOURCE = \"" + id + "\"").contains(id);
            }
        }
    }
}
