package org.inboundrouter.bench;

import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.KeywordClassifier;
import org.inboundrouter.classify.Taxonomy;
import org.inboundrouter.classify.TextNormalizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Describes what {@link ClassifierThroughput} measures, printed by bench/classifier-bench.sh before the run: the
 * taxonomy file of the day (hash, size, combinations), the message mix, a check that the naive baseline does the
 * same work (it picks the same category and urgency as the real classifier), and last a line {@code variants=...}:
 * the taxonomy variants worth benchmarking for this file.
 */
public final class ClassifierBenchInfo {

    private ClassifierBenchInfo() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        String[] messages = BenchMessages.build();
        long han = Arrays.stream(messages).filter(BenchMessages::isChinese).count();
        System.out.printf("messages: %d (%d distinct, seed %d), %d with Chinese, %d English; length mean %.1f, "
                        + "min %d, max %d chars%n", messages.length, Arrays.stream(messages).distinct().count(),
                BenchMessages.SEED, han, messages.length - han,
                Arrays.stream(messages).mapToInt(String::length).average().orElse(0),
                Arrays.stream(messages).mapToInt(String::length).min().orElse(0),
                Arrays.stream(messages).mapToInt(String::length).max().orElse(0));
        byte[] file = Files.readAllBytes(Path.of(ClassifierThroughput.TAXONOMY_FILE));
        System.out.printf("taxonomy file: %s, %d bytes, sha256 %s%n", ClassifierThroughput.TAXONOMY_FILE, file.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)).substring(0, 16));

        Taxonomy shipped = ClassifierThroughput.load("shipped");
        List<String> variants = new ArrayList<>(List.of("shipped"));
        if (shipped.keywordCount() < ClassifierThroughput.EXTENDED_TERMS) {
            variants.add("extended");
        }
        for (String variant : variants) {
            describe(variant, ClassifierThroughput.load(variant), messages);
        }
        System.out.println("variants=" + String.join(",", variants));
    }

    private static int combinationCount(Taxonomy t) {
        return t.categories().stream().mapToInt(c -> c.combinations().size()).sum();
    }

    private static void describe(String variant, Taxonomy t, String[] messages) {
        KeywordClassifier classifier = new KeywordClassifier(t);
        NaiveClassifier naive = new NaiveClassifier(t);
        int agree = 0;
        long matches = 0;
        long combinationMatches = 0;
        int other = 0;
        for (String m : messages) {
            Classification c = classifier.classify(null, m);
            matches += c.matches().size();
            combinationMatches += c.matches().stream().filter(k -> k.kind().equals("combination")).count();
            other += c.category().equals(Classification.OTHER) ? 1 : 0;
            int n = naive.classify(m);
            Taxonomy.Category top = t.categories().get(n / 4);
            int raised = Math.min(3, top.priority().ordinal() + n % 4);
            agree += top.id().equals(c.category()) && raised == c.priority().ordinal() ? 1 : 0;
        }
        System.out.printf("taxonomy %-18s: keywordCount() = %d (%d categories, %d combinations); matches per "
                        + "message %.1f (%.1f of them combinations); 'other' %d of %d; naive agrees on category+urgency for "
                        + "%d of %d%n", variant, t.keywordCount(), t.categories().size(), combinationCount(t),
                matches / (double) messages.length, combinationMatches / (double) messages.length, other,
                messages.length, agree, messages.length);
    }
}
