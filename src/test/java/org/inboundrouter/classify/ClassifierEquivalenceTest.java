package org.inboundrouter.classify;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the classifier's behaviour: for every input of the golden file (written by {@link GoldenClassifications}
 * from the original engine), {@link KeywordClassifier} must give the same category, categories, priority,
 * confidence, scores (within 1e-9) and the same matches in the same order, with the same positions in the text as
 * received. The engine may be rewritten for speed; what it says may not change.
 */
class ClassifierEquivalenceTest {

    private static final List<JsonNode> GOLDEN = new ArrayList<>();
    private static JsonNode header;
    private static KeywordClassifier classifier;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = ClassifierEquivalenceTest.class.getResourceAsStream("/classify/golden-classifications.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            header = GoldenClassifications.json().readTree(reader.readLine());
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                GOLDEN.add(GoldenClassifications.json().readTree(line));
            }
        }
        classifier = new KeywordClassifier(TaxonomyReader.read(Path.of(GoldenClassifications.TAXONOMY)));
    }

    @Test
    void theGoldenFileIsForTheShippedTaxonomy() throws Exception {
        assertThat(GOLDEN).hasSizeGreaterThan(1500);
        assertThat(header.get("sha256").asText())
                .as("classifiers/wallet-support.yaml changed: regenerate the golden file from the original engine "
                        + "(see GoldenClassifications), then check the diff of its results is the intended one")
                .isEqualTo(GoldenClassifications.taxonomySha256());
    }

    @Test
    void everyGoldenInputIsClassifiedAsTheOriginalEngineDid() {
        assertThat(differences(GOLDEN)).isEmpty();
    }

    @Test
    void concurrentCallersGetTheSameResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 97;
                runs.add(pool.submit(() -> {
                    List<JsonNode> rotated = new ArrayList<>(GOLDEN.subList(offset, GOLDEN.size()));
                    rotated.addAll(GOLDEN.subList(0, offset));
                    List<String> all = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        all.addAll(differences(rotated));
                    }
                    return all;
                }));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEmpty();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<String> differences(List<JsonNode> lines) {
        List<String> differences = new ArrayList<>();
        for (JsonNode line : lines) {
            String subject = line.get("subject").isNull() ? null : line.get("subject").asText();
            String text = line.get("text").isNull() ? null : line.get("text").asText();
            JsonNode actual = GoldenClassifications.encode(classifier.classify(subject, text));
            String d = GoldenClassifications.difference(line.get("result"), actual);
            if (d != null && differences.size() < 10) {
                differences.add("subject=" + subject + " text=" + abbreviate(text) + ": " + d);
            }
        }
        return differences;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
