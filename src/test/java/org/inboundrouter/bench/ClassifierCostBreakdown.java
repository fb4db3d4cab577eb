package org.inboundrouter.bench;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.KeywordClassifier;
import org.inboundrouter.classify.Taxonomy;
import org.inboundrouter.classify.TextNormalizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diagnostics for {@link ClassifierThroughput}, not part of its run: where a {@code classify} call's time goes, by
 * measuring its steps alone on the same messages. The automaton here is built like KeywordClassifier's (every
 * folded keyword, negative keyword and urgency signal), with a hit callback that only counts; the patterns are run
 * like KeywordClassifier runs them.
 * Run: {@code bench/classifier-bench.sh} does not; see BENCHMARKS.md for the command (with {@code -prof gc} it also
 * gives the bytes allocated per message).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dfile.encoding=UTF-8"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClassifierCostBreakdown {

    @State(Scope.Thread)
    public static class Steps {
        @Param({"shipped", "shipped-nopatterns"})
        public String taxonomy;

        String[] messages;
        String[] folded;
        int next;
        KeywordClassifier classifier;
        AhoCorasickDoubleArrayTrie<Integer> automaton;
        /** The same terms with each char renumbered densely (1..n in order of first use; others n+1). */
        AhoCorasickDoubleArrayTrie<Integer> denseAutomaton;
        char[] dense;
        String[] denseFolded;
        Pattern[] patterns;
        final int[] hits = new int[1];

        @Setup(Level.Trial)
        public void setUp() {
            messages = BenchMessages.build();
            folded = new String[messages.length];
            for (int i = 0; i < messages.length; i++) {
                folded[i] = TextNormalizer.normalize(messages[i]);
            }
            Taxonomy t = ClassifierThroughput.load(taxonomy);
            classifier = new KeywordClassifier(t);
            TreeMap<String, Integer> terms = new TreeMap<>();
            for (Taxonomy.Category c : t.categories()) {
                c.keywords().keySet().forEach(k -> terms.put(TextNormalizer.normalize(k), terms.size()));
                c.negative().keySet().forEach(k -> terms.put(TextNormalizer.normalize(k), terms.size()));
            }
            for (Map.Entry<String, Integer> u : t.urgency().entrySet()) {
                terms.put(TextNormalizer.normalize(u.getKey()), terms.size());
            }
            automaton = new AhoCorasickDoubleArrayTrie<>();
            automaton.build(terms);
            dense = new char[Character.MAX_VALUE + 1];
            char used = 0;
            for (String term : terms.keySet()) {
                for (char ch : term.toCharArray()) {
                    if (dense[ch] == 0) {
                        dense[ch] = ++used;
                    }
                }
            }
            for (int ch = 0; ch <= Character.MAX_VALUE; ch++) {
                if (dense[ch] == 0) {
                    dense[ch] = (char) (used + 1);
                }
            }
            TreeMap<String, Integer> denseTerms = new TreeMap<>();
            terms.forEach((term, value) -> denseTerms.put(renumber(term), value));
            denseAutomaton = new AhoCorasickDoubleArrayTrie<>();
            denseAutomaton.build(denseTerms);
            denseFolded = new String[folded.length];
            for (int i = 0; i < folded.length; i++) {
                denseFolded[i] = renumber(folded[i]);
            }
            patterns = t.categories().stream().flatMap(c -> c.patterns().stream())
                    .map(Taxonomy.WeightedPattern::pattern).toArray(Pattern[]::new);
        }

        String renumber(String text) {
            char[] out = new char[text.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = dense[text.charAt(i)];
            }
            return new String(out);
        }

        int index() {
            return next++ & (BenchMessages.COUNT - 1);
        }
    }

    /** The whole call, as in ClassifierThroughput.keywordClassifier. */
    @Benchmark
    public Classification classify(Steps s) {
        return s.classifier.classify(null, s.messages[s.index()]);
    }

    /** Step 1 alone: the origin array and the folded copy. */
    @Benchmark
    public String normalizeWithOrigin(Steps s) {
        String text = s.messages[s.index()];
        int[] origin = new int[text.length()];
        return TextNormalizer.normalize(text, origin);
    }

    /** Steps 1 and 2: fold, then one Aho-Corasick pass that only counts hits (no records, no lists, no decision). */
    @Benchmark
    public int normalizeAndScan(Steps s) {
        String text = s.messages[s.index()];
        int[] origin = new int[text.length()];
        String folded = TextNormalizer.normalize(text, origin);
        int[] hits = s.hits;
        hits[0] = 0;
        s.automaton.parseText(folded, (begin, end, value) -> {
            hits[0] += value;
        });
        return hits[0];
    }

    /** Step 3 alone, on text folded beforehand: every pattern of every category, as KeywordClassifier runs them. */
    @Benchmark
    public int patternsOnly(Steps s) {
        String folded = s.folded[s.index()];
        int found = 0;
        for (Pattern p : s.patterns) {
            Matcher m = p.matcher(folded);
            if (m.find()) {
                found++;
            }
        }
        return found;
    }

    /**
     * What-if for step 2: the same automaton over a dense alphabet (the ~500 chars the keywords use renumbered
     * 1..n), so that its double array is ~10x smaller; on text folded and renumbered beforehand. Renumbering could
     * be folded into TextNormalizer's table lookup at no extra cost.
     */
    @Benchmark
    public int scanOnlyDenseAlphabet(Steps s) {
        int[] hits = s.hits;
        hits[0] = 0;
        s.denseAutomaton.parseText(s.denseFolded[s.index()], (begin, end, value) -> {
            hits[0] += value;
        });
        return hits[0];
    }

    /** Step 2 alone, on text folded beforehand. */
    @Benchmark
    public int scanOnly(Steps s) {
        int[] hits = s.hits;
        hits[0] = 0;
        s.automaton.parseText(s.folded[s.index()], (begin, end, value) -> {
            hits[0] += value;
        });
        return hits[0];
    }
}
