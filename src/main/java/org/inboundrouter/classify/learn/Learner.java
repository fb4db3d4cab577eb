package org.inboundrouter.classify.learn;

import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.Classification.KeywordMatch;
import org.inboundrouter.classify.KeywordClassifier;
import org.inboundrouter.classify.Taxonomy;
import org.inboundrouter.classify.TextNormalizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Proposes changes to a taxonomy from labelled messages: new keywords (Chinese character n-grams, English words and
 * two-word phrases), new combinations (two words near each other that say more together than apart) and new weights
 * for the keywords it has. Each message's category scores are kept, so what a proposal would change is worked out on
 * the messages that contain its words alone, exactly as the classifier adds weights (variants aside).
 * <p>
 * Selection is greedy on the training messages: the proposal that puts the most messages right (net, at least
 * {@code minFixed}) is taken, and so on. The objective weighs the non-{@code other} and the {@code other} messages
 * equally (each half's accuracy counts the same), so that a proposal cannot buy problem recall with false alarms or
 * the reverse. The dev messages are never used to choose: each accepted proposal's effect on them is only recorded.
 */
final class Learner {

    /** @param rejected folded terms never to propose (a review turned them down), as keywords or combination words */
    record Options(int minSupport, double minPrecision, double minPrecisionOther, int minFixed, int maxProposals,
            int within, Set<String> rejected) {
    }

    /** A labelled message: its folded text, label (category index) and, as the learning goes, its scores. */
    static final class Doc {
        final String folded;
        final int label;
        final String group;
        final Set<String> features;
        final double[] scores;
        final boolean[] vetoed;
        /** Keywords the classifier found, as {@code category \u0001 term}, with the weight they added. */
        final Map<String, Double> keywords = new HashMap<>();
        double unit;
        boolean correct;

        Doc(String folded, int label, String group, Set<String> features, int categories) {
            this.folded = folded;
            this.label = label;
            this.group = group;
            this.features = features;
            this.scores = new double[categories];
            this.vetoed = new boolean[categories];
        }
    }

    /** An accepted proposal with its evidence. */
    record Proposal(String kind, int category, String term, String second, double weight, double was,
            Map<String, Integer> evidence, int trainFixed, int trainBroken, int devFixed, int devBroken) {
    }

    private record Candidate(String kind, int category, String term, String second, double was, double[] weights,
            int[] train, int[] dev) {
        String key() {
            return kind + "\u0001" + category + "\u0001" + term + "\u0001" + second;
        }
    }

    private record Scored(Candidate candidate, double weight, double gain) {
    }

    /**
     * Best first: the larger gain; on a tie the smaller change (a new weight for a keyword the taxonomy has, then a
     * new keyword, then a combination), then the shorter term (a word before a phrase that contains it), then the
     * lower weight, then the term itself, so that a run is repeatable.
     */
    private static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble((Scored s) -> -s.gain())
            .thenComparingInt(s -> rank(s.candidate().kind()))
            .thenComparingInt(s -> s.candidate().term().length()
                    + (s.candidate().second() == null ? 0 : s.candidate().second().length()))
            .thenComparingDouble(Scored::weight)
            .thenComparing(s -> s.candidate().key());

    private static int rank(String kind) {
        return switch (kind) {
            case "reweight" -> 0;
            case "keyword" -> 1;
            default -> 2;
        };
    }

    private final Taxonomy base;
    private final Options options;
    private final String[] ids;
    private final int other;
    private final double minScore;
    final Doc[] train;
    final Doc[] dev;

    Learner(Taxonomy base, List<String[]> trainExamples, List<String[]> devExamples, Options options) {
        this.base = base;
        this.options = options;
        ids = base.categories().stream().map(Taxonomy.Category::id).toArray(String[]::new);
        other = List.of(ids).indexOf(Classification.OTHER);
        minScore = base.scoring().minScore();
        KeywordClassifier classifier = new KeywordClassifier(base);
        train = docs(classifier, trainExamples);
        dev = docs(classifier, devExamples);
    }

    private Doc[] docs(KeywordClassifier classifier, List<String[]> examples) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        Doc[] docs = new Doc[examples.size()];
        int others = 0;
        for (int i = 0; i < docs.length; i++) {
            String text = examples.get(i)[0];
            String folded = TextNormalizer.normalize(text);
            Doc d = new Doc(folded, index.get(examples.get(i)[1]), examples.get(i)[2], Features.of(folded), ids.length);
            Classification c = classifier.classify(null, text);
            c.scores().forEach(s -> d.scores[index.get(s.category())] = s.score());
            for (KeywordMatch m : c.matches()) {
                if (m.kind().equals("veto")) {
                    d.vetoed[index.get(m.category())] = true;
                } else if (m.kind().equals("keyword")) {
                    d.keywords.put(index.get(m.category()) + "\u0001" + m.term(), m.weight());
                }
            }
            d.correct = decide(d.scores, d.vetoed) == d.label;
            others += d.label == other ? 1 : 0;
            docs[i] = d;
        }
        for (Doc d : docs) {
            d.unit = 1.0 / Math.max(1, d.label == other ? others : docs.length - others);
        }
        return docs;
    }

    /** The classifier's decision on a score vector: the highest at or above minScore, the first on a tie. */
    int decide(double[] scores, boolean[] vetoed) {
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            if (!vetoed[i] && scores[i] >= minScore && (best < 0 || scores[i] > scores[best])) {
                best = i;
            }
        }
        return best < 0 ? other : best;
    }

    String id(int category) {
        return ids[category];
    }

    /** Runs the greedy selection; the docs' scores end up as the accepted proposals make them. */
    List<Proposal> learn() {
        List<Candidate> pool = new ArrayList<>();
        Map<String, int[]> trainDocs = featureDocs(train);
        Map<String, int[]> devDocs = featureDocs(dev);
        newTerms(pool, trainDocs, devDocs);
        pairs(pool, trainDocs, devDocs);
        reweights(pool);
        PriorityQueue<Scored> queue = new PriorityQueue<>(BEST_FIRST);
        for (Candidate c : pool) {
            Scored s = best(c);
            if (s != null) {
                queue.add(s);
            }
        }
        List<Proposal> accepted = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        while (!queue.isEmpty() && accepted.size() < options.maxProposals()) {
            Scored top = queue.poll();
            if (taken.contains(top.candidate().key())) {
                continue;
            }
            Scored now = best(top.candidate());   // gains change as proposals are taken: look again before taking
            if (now == null) {
                continue;
            }
            if (!queue.isEmpty() && BEST_FIRST.compare(now, queue.peek()) > 0) {
                queue.add(now);
                continue;
            }
            taken.add(now.candidate().key());
            accepted.add(apply(now));
        }
        return accepted;
    }

    /** The best weight for a candidate and its gain, or null when no weight puts enough messages right. */
    private Scored best(Candidate c) {
        Scored best = null;
        for (double w : c.weights()) {
            double delta = c.kind().equals("reweight") ? w - c.was() : w;
            int[] fixedBroken = new int[2];
            double gain = gain(train, c.category(), delta, c.train(), fixedBroken);
            Scored s = new Scored(c, w, gain);
            if (fixedBroken[0] - fixedBroken[1] >= options.minFixed() && gain > 0
                    && (best == null || BEST_FIRST.compare(s, best) < 0)) {
                best = s;
            }
        }
        return best;
    }

    private double gain(Doc[] docs, int category, double delta, int[] which, int[] fixedBroken) {
        double gain = 0;
        for (int i : which) {
            Doc d = docs[i];
            d.scores[category] += delta;
            boolean right = decide(d.scores, d.vetoed) == d.label;
            d.scores[category] -= delta;
            if (right != d.correct) {
                gain += right ? d.unit : -d.unit;
                fixedBroken[right ? 0 : 1]++;
            }
        }
        return gain;
    }

    private Proposal apply(Scored s) {
        Candidate c = s.candidate();
        double delta = c.kind().equals("reweight") ? s.weight() - c.was() : s.weight();
        int[] trainCounts = applyTo(train, c.category(), delta, c.train());
        int[] devCounts = applyTo(dev, c.category(), delta, c.dev());
        Map<String, Integer> evidence = new TreeMap<>();
        for (int i : c.train()) {
            evidence.merge(ids[train[i].label], 1, Integer::sum);
        }
        return new Proposal(c.kind(), c.category(), c.term(), c.second(), s.weight(), c.was(), evidence,
                trainCounts[0], trainCounts[1], devCounts[0], devCounts[1]);
    }

    private int[] applyTo(Doc[] docs, int category, double delta, int[] which) {
        int[] counts = new int[2];
        for (int i : which) {
            Doc d = docs[i];
            d.scores[category] += delta;
            boolean right = decide(d.scores, d.vetoed) == d.label;
            if (right != d.correct) {
                counts[right ? 0 : 1]++;
                d.correct = right;
            }
        }
        return counts;
    }

    private static Map<String, int[]> featureDocs(Doc[] docs) {
        Map<String, List<Integer>> lists = new HashMap<>();
        for (int i = 0; i < docs.length; i++) {
            for (String f : docs[i].features) {
                lists.computeIfAbsent(f, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, int[]> out = new HashMap<>();
        lists.forEach((f, l) -> out.put(f, l.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** Per category, every term that is frequent and precise enough there and not yet one of its keywords. */
    private void newTerms(List<Candidate> pool, Map<String, int[]> trainDocs, Map<String, int[]> devDocs) {
        List<Set<String>> existing = new ArrayList<>();
        for (Taxonomy.Category c : base.categories()) {
            Set<String> folded = new HashSet<>();
            c.keywords().keySet().forEach(k -> folded.add(TextNormalizer.normalize(k)));
            c.negative().keySet().forEach(k -> folded.add(TextNormalizer.normalize(k)));
            existing.add(folded);
        }
        for (Map.Entry<String, int[]> f : trainDocs.entrySet()) {
            int[] docs = f.getValue();
            if (docs.length < options.minSupport() || options.rejected().contains(f.getKey())) {
                continue;
            }
            int[] perCategory = new int[ids.length];
            for (int i : docs) {
                perCategory[train[i].label]++;
            }
            for (int c = 0; c < ids.length; c++) {
                double precision = perCategory[c] / (double) docs.length;
                if (perCategory[c] >= options.minSupport() && precision >= precisionFor(c)
                        && groups(docs, c) >= options.minSupport()
                        && !existing.get(c).contains(f.getKey())) {
                    pool.add(new Candidate("keyword", c, f.getKey(), null, 0, new double[] {1, 2, 3, 4, 5}, docs,
                            devDocs.getOrDefault(f.getKey(), new int[0])));
                }
            }
        }
    }

    /** In how many distinct groups (questions, conversations) of the category the docs are. */
    private int groups(int[] docs, int category) {
        Set<String> groups = new HashSet<>();
        for (int i : docs) {
            if (train[i].label == category) {
                groups.add(train[i].group);
            }
        }
        return groups.size();
    }

    private double precisionFor(int category) {
        return category == other ? options.minPrecisionOther() : options.minPrecision();
    }

    /**
     * Per problem category, pairs of its most frequent short words (支付 and 失败, 提现 and 没到账) that occur within
     * {@code within} characters of each other and are clearly more precise together than either is alone.
     */
    private void pairs(List<Candidate> pool, Map<String, int[]> trainDocs, Map<String, int[]> devDocs) {
        for (int c = 0; c < ids.length; c++) {
            if (c == other) {
                continue;
            }
            final int category = c;
            Map<String, Integer> frequency = new HashMap<>();
            for (Doc d : train) {
                if (d.label == c) {
                    for (String f : d.features) {
                        if (Features.latin(f) ? !f.contains(" ") : f.length() <= 3) {
                            frequency.merge(f, 1, Integer::sum);
                        }
                    }
                }
            }
            List<String> words = frequency.entrySet().stream().filter(e -> e.getValue() >= options.minSupport())
                    .filter(e -> !options.rejected().contains(e.getKey()))
                    .filter(e -> groups(trainDocs.get(e.getKey()), category) >= options.minSupport())
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(40)
                    .map(Map.Entry::getKey).toList();
            for (int x = 0; x < words.size(); x++) {
                for (int y = x + 1; y < words.size(); y++) {
                    String a = words.get(x);
                    String b = words.get(y);
                    if (a.contains(b) || b.contains(a)) {
                        continue;
                    }
                    int[] near = near(train, intersect(trainDocs.get(a), trainDocs.get(b)), a, b);
                    int hits = 0;
                    for (int i : near) {
                        hits += train[i].label == category ? 1 : 0;
                    }
                    double precision = near.length == 0 ? 0 : hits / (double) near.length;
                    if (groups(near, c) >= options.minSupport() && precision >= options.minPrecision()
                            && precision >= Math.max(precision(trainDocs.get(a), c),
                            precision(trainDocs.get(b), c)) + 0.15) {
                        int[] nearDev = near(dev, intersect(devDocs.getOrDefault(a, new int[0]),
                                devDocs.getOrDefault(b, new int[0])), a, b);
                        pool.add(new Candidate("combination", c, a, b, 0, new double[] {2, 3, 4}, near, nearDev));
                    }
                }
            }
        }
    }

    private double precision(int[] docs, int category) {
        int n = 0;
        for (int i : docs) {
            n += train[i].label == category ? 1 : 0;
        }
        return docs.length == 0 ? 0 : n / (double) docs.length;
    }

    private static int[] intersect(int[] a, int[] b) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                out.add(a[i]);
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The docs where a and b stand within {@code within} chars of each other, in either order, not overlapping. */
    private int[] near(Doc[] docs, int[] candidates, String a, String b) {
        List<Integer> out = new ArrayList<>();
        for (int i : candidates) {
            if (near(docs[i].folded, a, b, options.within())) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static boolean near(String text, String a, String b, int within) {
        for (int i = text.indexOf(a); i >= 0; i = text.indexOf(a, i + 1)) {
            for (int j = text.indexOf(b); j >= 0; j = text.indexOf(b, j + 1)) {
                int gap = j >= i + a.length() ? j - i - a.length() : i >= j + b.length() ? i - j - b.length() : -1;
                if (gap >= 0 && gap <= within) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every keyword the taxonomy has that some training message matched, at a few other weights. */
    private void reweights(List<Candidate> pool) {
        Map<String, List<Integer>> trainHits = hits(train);
        Map<String, List<Integer>> devHits = hits(dev);
        for (Map.Entry<String, List<Integer>> e : trainHits.entrySet()) {
            String[] key = e.getKey().split("\u0001", 2);
            int category = Integer.parseInt(key[0]);
            Double was = base.categories().get(category).keywords().get(key[1]);
            if (was == null) {
                continue;
            }
            double[] weights = java.util.stream.DoubleStream.of(was / 2, was - 1, was + 1, was + 2)
                    .map(w -> Math.max(0.5, Math.round(w * 2) / 2.0)).filter(w -> w != was).distinct().toArray();
            pool.add(new Candidate("reweight", category, key[1], null, was, weights,
                    e.getValue().stream().mapToInt(Integer::intValue).toArray(),
                    devHits.getOrDefault(e.getKey(), List.of()).stream().mapToInt(Integer::intValue).toArray()));
        }
    }

    private static Map<String, List<Integer>> hits(Doc[] docs) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (int i = 0; i < docs.length; i++) {
            for (String k : docs[i].keywords.keySet()) {
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
        }
        return out;
    }

    /** The base taxonomy with the proposals in it: what the fragment does once included. */
    Taxonomy merged(List<Proposal> proposals) {
        List<Taxonomy.Category> categories = new ArrayList<>(base.categories());
        for (Proposal p : proposals) {
            Taxonomy.Category c = categories.get(p.category());
            if (p.kind().equals("combination")) {
                List<Taxonomy.Combination> combinations = new ArrayList<>(c.combinations());
                combinations.add(new Taxonomy.Combination(List.of(p.term()), List.of(p.second()), false,
                        options.within(), List.of(), p.weight()));
                categories.set(p.category(), c.withCombinations(combinations));
            } else {
                Map<String, Double> keywords = new LinkedHashMap<>(c.keywords());
                keywords.put(p.term(), p.weight());
                categories.set(p.category(), c.withKeywords(keywords));
            }
        }
        return base.withCategories(categories);
    }
}
