package org.inboundrouter.bench;

import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.Taxonomy;
import org.inboundrouter.classify.TextNormalizer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A taxonomy grown in code to a given number of terms, for measuring the classifier at the size the issue asks for
 * when the shipped file is smaller. Each added term is a plausible variant of a keyword the category already has
 * (退款 gives 退款问题, 怎么退款, 一直退款...; refund gives my refund, refund issue, refund not working...), with the
 * same weight, so the extra terms also match real messages the way a grown taxonomy would. Terms are taken round
 * robin across the categories (all but "other"), never repeating a term the category has once folded.
 */
public final class ExtendedTaxonomy {

    private static final List<UnaryOperator<String>> CHINESE = List.of(
            s -> s + "问题", s -> "怎么" + s, s -> s + "怎么办", s -> "一直" + s, s -> s + "不成功", s -> "无法" + s,
            s -> s + "多久", s -> "请问" + s, s -> s + "了吗", s -> "关于" + s);
    private static final List<UnaryOperator<String>> ENGLISH = List.of(
            s -> "my " + s, s -> s + " issue", s -> s + " problem", s -> s + " not working", s -> "problem with " + s,
            s -> "help with " + s, s -> s + " again", s -> "about " + s, s -> s + " today", s -> "still " + s);

    private ExtendedTaxonomy() {
    }

    /** {@code taxonomy} itself when it already has {@code target} terms, else a copy grown to exactly that many. */
    public static Taxonomy extend(Taxonomy taxonomy, int target) {
        int missing = target - taxonomy.keywordCount();
        if (missing <= 0) {
            return taxonomy;
        }
        List<Taxonomy.Category> categories = taxonomy.categories();
        List<Map<String, Double>> keywords = new ArrayList<>();
        List<Deque<Map.Entry<String, Double>>> candidates = new ArrayList<>();
        List<Set<String>> taken = new ArrayList<>();
        for (Taxonomy.Category c : categories) {
            keywords.add(new LinkedHashMap<>(c.keywords()));
            Set<String> folded = new HashSet<>();
            c.keywords().keySet().forEach(k -> folded.add(TextNormalizer.normalize(k)));
            c.negative().keySet().forEach(k -> folded.add(TextNormalizer.normalize(k)));
            taken.add(folded);
            Deque<Map.Entry<String, Double>> variants = new ArrayDeque<>();
            if (!c.id().equals(Classification.OTHER)) {
                for (UnaryOperator<String> variant : CHINESE) {
                    for (Map.Entry<String, Double> k : c.keywords().entrySet()) {
                        if (BenchMessages.isChinese(k.getKey())) {
                            variants.add(Map.entry(variant.apply(k.getKey()), k.getValue()));
                        }
                    }
                }
                for (UnaryOperator<String> variant : ENGLISH) {
                    for (Map.Entry<String, Double> k : c.keywords().entrySet()) {
                        if (!BenchMessages.isChinese(k.getKey())) {
                            variants.add(Map.entry(variant.apply(k.getKey()), k.getValue()));
                        }
                    }
                }
            }
            candidates.add(interleave(variants));
        }
        boolean added = true;
        while (missing > 0 && added) {
            added = false;
            for (int i = 0; i < categories.size() && missing > 0; i++) {
                Map.Entry<String, Double> next;
                while ((next = candidates.get(i).poll()) != null) {
                    if (taken.get(i).add(TextNormalizer.normalize(next.getKey()))) {
                        keywords.get(i).put(next.getKey(), next.getValue());
                        missing--;
                        added = true;
                        break;
                    }
                }
            }
        }
        if (missing > 0) {
            throw new IllegalStateException("cannot grow the taxonomy to " + target + " terms");
        }
        List<Taxonomy.Category> grown = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            grown.add(categories.get(i).withKeywords(keywords.get(i)));
        }
        return taxonomy.withCategories(grown);
    }

    /** Alternates Chinese and English candidates so that both languages grow together. */
    private static Deque<Map.Entry<String, Double>> interleave(Deque<Map.Entry<String, Double>> all) {
        Deque<Map.Entry<String, Double>> zh = new ArrayDeque<>();
        Deque<Map.Entry<String, Double>> en = new ArrayDeque<>();
        for (Map.Entry<String, Double> e : all) {
            (BenchMessages.isChinese(e.getKey()) ? zh : en).add(e);
        }
        Deque<Map.Entry<String, Double>> out = new ArrayDeque<>();
        while (!zh.isEmpty() || !en.isEmpty()) {
            if (!zh.isEmpty()) {
                out.add(zh.poll());
            }
            if (!en.isEmpty()) {
                out.add(en.poll());
            }
        }
        return out;
    }
}
