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
import java.util.regex.Matcher;

/**
 * Describes what {@link ClassifierThroughput} measures, printed by bench/classifier-bench.sh before the run: the
 * taxonomy file of the day (hash, size, patterns), the message mix, a check that the naive baseline does the same
 * work (it picks the same category and urgency as the real classifier), a rough cost of each regular-expression
 * pattern searched with java.util.regex as the naive baseline does (System.nanoTime after a warm-up, not JMH: to rank
 * them, not to quote; the classifier only tries them where their literal text occurs), and last a line
 * {@code variants=...}: the taxonomy variants worth benchmarking for this file.
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
        int patterns = patternCount(shipped);
        List<String> variants = new ArrayList<>(List.of("shipped"));
        if (shipped.keywordCount() < ClassifierThroughput.EXTENDED_TERMS) {
            variants.add("extended");
        }
        if (patterns > 0) {
            variants.add(variants.get(variants.size() - 1) + "-nopatterns");
        }
        for (String variant : variants) {
            describe(variant, ClassifierThroughput.load(variant), messages);
        }
        if (patterns > 0) {
            patternCosts(shipped, messages);
        }
        System.out.println("variants=" + String.join(",", variants));
    }

    private static int patternCount(Taxonomy t) {
        return t.categories().stream().mapToInt(c -> c.patterns().size()).sum();
    }

    private static void describe(String variant, Taxonomy t, String[] messages) {
        KeywordClassifier classifier = new KeywordClassifier(t);
        NaiveClassifier naive = new NaiveClassifier(t);
        int agree = 0;
        long matches = 0;
        long patternMatches = 0;
        int other = 0;
        for (String m : messages) {
            Classification c = classifier.classify(null, m);
            matches += c.matches().size();
            patternMatches += c.matches().stream().filter(k -> k.kind().equals("pattern")).count();
            other += c.category().equals(Classification.OTHER) ? 1 : 0;
            int n = naive.classify(m);
            Taxonomy.Category top = t.categories().get(n / 4);
            int raised = Math.min(3, top.priority().ordinal() + n % 4);
            agree += top.id().equals(c.category()) && raised == c.priority().ordinal() ? 1 : 0;
        }
        System.out.printf("taxonomy %-18s: keywordCount() = %d (%d categories, %d patterns); matches per message "
                        + "%.1f (%.1f of them patterns); 'other' %d of %d; naive agrees on category+urgency for "
                        + "%d of %d%n", variant, t.keywordCount(), t.categories().size(), patternCount(t),
                matches / (double) messages.length, patternMatches / (double) messages.length, other,
                messages.length, agree, messages.length);
    }

    /** Rough time of each pattern over the folded messages with one Matcher.find, as NaiveClassifier runs it. */
    private static void patternCosts(Taxonomy t, String[] messages) {
        String[] folded = Arrays.stream(messages).map(TextNormalizer::normalize).toArray(String[]::new);
        List<Taxonomy.WeightedPattern> all = new ArrayList<>();
        t.categories().forEach(c -> all.addAll(c.patterns()));
        long[] nanos = new long[all.size()];
        int sink = 0;
        for (int round = 0; round < 60; round++) {
            for (int p = 0; p < all.size(); p++) {
                long start = System.nanoTime();
                for (String f : folded) {
                    Matcher m = all.get(p).pattern().matcher(f);
                    if (m.find()) {
                        sink++;
                    }
                }
                if (round >= 30) {
                    nanos[p] += System.nanoTime() - start;
                }
            }
        }
        double total = Arrays.stream(nanos).sum() / 30.0 / folded.length;
        System.out.printf("patterns searched with java.util.regex (naive baseline): %d, together ~%.0f ns per message "
                        + "(rough; sink %d); the costliest:%n",
                all.size(), total, sink);
        Integer[] order = new Integer[all.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(nanos[b], nanos[a]));
        for (int i = 0; i < Math.min(8, order.length); i++) {
            System.out.printf("  ~%5.0f ns/message  %s%n", nanos[order[i]] / 30.0 / folded.length,
                    all.get(order[i]).pattern().pattern());
        }
    }
}
