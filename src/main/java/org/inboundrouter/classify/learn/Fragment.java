package org.inboundrouter.classify.learn;

import org.inboundrouter.classify.Taxonomy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes proposals as a taxonomy fragment: the format an {@code include:} of the taxonomy reads, one line per
 * proposal with its evidence as a comment, grouped by category, Chinese and English apart.
 */
final class Fragment {

    private Fragment() {
    }

    static String write(Learner learner, List<Learner.Proposal> proposals, List<String> header) {
        StringBuilder out = new StringBuilder();
        header.forEach(h -> out.append("# ").append(h).append('\n'));
        Map<Integer, List<Learner.Proposal>> byCategory = new LinkedHashMap<>();
        proposals.stream().sorted((a, b) -> Integer.compare(a.category(), b.category()))
                .forEach(p -> byCategory.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p));
        out.append("categories:");
        if (byCategory.isEmpty()) {
            out.append(" {}\n");
            return out.toString();
        }
        out.append('\n');
        byCategory.forEach((category, list) -> {
            out.append("  ").append(learner.id(category)).append(":\n");
            List<Learner.Proposal> keywords = list.stream().filter(p -> !p.kind().equals("combination")).toList();
            if (!keywords.isEmpty()) {
                out.append("    keywords:\n");
                for (String language : List.of("zh", "en")) {
                    List<Learner.Proposal> in = keywords.stream()
                            .filter(p -> Features.latin(p.term()) == language.equals("en")).toList();
                    if (in.isEmpty()) {
                        continue;
                    }
                    out.append("      ").append(language).append(":\n");
                    for (Learner.Proposal p : in) {
                        out.append("        ").append(quote(p.term())).append(": ").append(number(p.weight()))
                                .append("    # ").append(p.kind().equals("reweight")
                                        ? "weight " + number(p.was()) + " -> " + number(p.weight()) : "new")
                                .append("; ").append(evidence(p)).append('\n');
                    }
                }
            }
            List<Learner.Proposal> combinations = list.stream().filter(p -> p.kind().equals("combination")).toList();
            if (!combinations.isEmpty()) {
                out.append("    combinations:\n");
                for (Learner.Proposal p : combinations) {
                    out.append("      - {terms: [").append(quote(p.term())).append("], with: [")
                            .append(quote(p.second())).append("], within: ").append(Taxonomy.Combination.DEFAULT_WITHIN)
                            .append(", weight: ").append(number(p.weight())).append("}    # ").append(evidence(p))
                            .append('\n');
                }
            }
        });
        return out.toString();
    }

    private static String evidence(Learner.Proposal p) {
        String counts = p.evidence().entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return "in " + counts + "; tr +" + p.trainFixed() + " -" + p.trainBroken() + "; dev +" + p.devFixed() + " -"
                + p.devBroken();
    }

    /** A YAML double-quoted scalar (JSON escaping is valid YAML). */
    static String quote(String term) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : term.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static String number(double w) {
        return w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w);
    }
}
