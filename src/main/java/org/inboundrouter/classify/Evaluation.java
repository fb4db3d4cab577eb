package org.inboundrouter.classify;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Precision, recall and F1 per category, a confusion matrix, accuracy and macro-F1 over labelled examples. */
public final class Evaluation {

    private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    private int total;
    private int correct;

    public void add(String expected, String predicted) {
        confusion.computeIfAbsent(expected, k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
        total++;
        if (expected.equals(predicted)) {
            correct++;
        }
    }

    public int size() {
        return total;
    }

    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    /**
     * Of the examples labelled {@code category} (with {@code among}) or labelled anything else (without): the share
     * classified exactly right. For {@code other} this separates "finds the problem" from "raises no false alarm".
     */
    public double accuracyOf(String category, boolean among) {
        int n = 0;
        int right = 0;
        for (Map.Entry<String, Map<String, Integer>> row : confusion.entrySet()) {
            if (row.getKey().equals(category) == among) {
                int all = row.getValue().values().stream().mapToInt(Integer::intValue).sum();
                n += all;
                right += row.getValue().getOrDefault(row.getKey(), 0);
            }
        }
        return n == 0 ? 0 : (double) right / n;
    }

    /** The mean F1 over the categories that occur in the expected labels. */
    public double macroF1() {
        return confusion.keySet().stream().mapToDouble(this::f1).average().orElse(0);
    }

    private int count(String expected, String predicted) {
        return confusion.getOrDefault(expected, Map.of()).getOrDefault(predicted, 0);
    }

    private int predictedAs(String category) {
        return confusion.values().stream().mapToInt(row -> row.getOrDefault(category, 0)).sum();
    }

    private int expectedAs(String category) {
        return confusion.getOrDefault(category, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    public double precision(String category) {
        int predicted = predictedAs(category);
        return predicted == 0 ? 0 : (double) count(category, category) / predicted;
    }

    public double recall(String category) {
        int expected = expectedAs(category);
        return expected == 0 ? 0 : (double) count(category, category) / expected;
    }

    public double f1(String category) {
        double p = precision(category);
        double r = recall(category);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The main confusions: expected -> predicted pairs with their counts, the most frequent first. */
    public List<String> topConfusions(int limit) {
        List<Map.Entry<String, Integer>> pairs = new ArrayList<>();
        confusion.forEach((expected, row) -> row.forEach((predicted, n) -> {
            if (!expected.equals(predicted)) {
                pairs.add(Map.entry(expected + " -> " + predicted, n));
            }
        }));
        pairs.sort((a, b) -> b.getValue() - a.getValue());
        return pairs.stream().limit(limit).map(e -> e.getKey() + " " + e.getValue()).toList();
    }

    /** The report; its last line is exactly {@code accuracy=0.xxx macro_f1=0.xxx n=N}. */
    public void print(PrintStream out) {
        TreeSet<String> all = new TreeSet<>(confusion.keySet());
        confusion.values().forEach(row -> all.addAll(row.keySet()));
        out.printf(Locale.ROOT, "%-24s %9s %9s %9s %7s%n", "category", "precision", "recall", "f1", "support");
        for (String c : all) {
            out.printf(Locale.ROOT, "%-24s %9.3f %9.3f %9.3f %7d%n", c, precision(c), recall(c), f1(c),
                    expectedAs(c));
        }
        out.println();
        out.println("confusion matrix (rows: expected, columns: predicted)");
        List<String> columns = new ArrayList<>(all);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-24s", ""));
        for (int i = 0; i < columns.size(); i++) {
            header.append(String.format(Locale.ROOT, " %5s", "c" + i));
        }
        out.println(header);
        for (int r = 0; r < columns.size(); r++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-24s", "c" + r + " " + columns.get(r)));
            for (String column : columns) {
                row.append(String.format(Locale.ROOT, " %5d", count(columns.get(r), column)));
            }
            out.println(row);
        }
        out.println();
        out.println("main confusions (expected -> predicted): " + String.join(", ", topConfusions(8)));
        out.printf(Locale.ROOT, "non-other messages: accuracy %.3f; other messages (no false alarm): accuracy %.3f%n",
                accuracyOf(Classification.OTHER, false), accuracyOf(Classification.OTHER, true));
        out.printf(Locale.ROOT, "accuracy=%.3f macro_f1=%.3f n=%d%n", accuracy(), macroF1(), total);
    }
}
