package org.inboundrouter.bench;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.ClassifierSteps;
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

import java.util.Arrays;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Diagnostics for {@link ClassifierThroughput}, not part of its run: where a {@code classify} call's time goes, by
 * measuring its steps alone on the same messages, and the engine before the rewrite (frozen in the tests as
 * {@code OriginalKeywordClassifier}) in the same run.
 * <ul>
 *   <li>{@code classify}: the whole call, as in ClassifierThroughput.keywordClassifier;</li>
 *   <li>{@code scanOnly}: folding and the automaton pass ({@code TermAutomaton}), no meaning taken from the hits;</li>
 *   <li>{@code normalizeWithOrigin}: folding alone, the way the original engine did it (a new String and origin
 *   array per message);</li>
 *   <li>{@code originalEngine}: the whole call with the original engine;</li>
 *   <li>{@code libraryPassOnly}: the pass of an Aho-Corasick library (hankcs' double-array trie, which the
 *   original engine used) over the taxonomy's keywords, negative keywords and urgency signals, on text folded
 *   beforehand, each hit only counted: what the approach the issue names ("Aho-Corasick, from a library") costs
 *   before any folding, scoring or pattern.</li>
 * </ul>
 * {@code messages} picks the input: {@code all} (the benchmark's mix), or only its Chinese ({@code zh}) or English
 * ({@code en}) messages.
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

        @Param({"all", "zh", "en"})
        public String messages;

        String[] texts;
        String[] folded;
        int next;
        int hits;
        AhoCorasickDoubleArrayTrie<String> library;
        /** Made once: a callback per call would add an allocation the library's pass does not need. */
        final AhoCorasickDoubleArrayTrie.IHit<String> countHit = (begin, end, term) -> hits++;
        KeywordClassifier classifier;
        ClassifierSteps steps;
        BiFunction<String, String, Classification> original;

        @Setup(Level.Trial)
        public void setUp() {
            texts = Arrays.stream(BenchMessages.build()).filter(this::wanted).toArray(String[]::new);
            folded = Arrays.stream(texts).map(TextNormalizer::normalize).toArray(String[]::new);
            Taxonomy t = ClassifierThroughput.load(taxonomy);
            TreeMap<String, String> terms = new TreeMap<>();
            for (Taxonomy.Category c : t.categories()) {
                c.keywords().keySet().forEach(k -> terms.put(TextNormalizer.normalize(k), k));
                c.negative().keySet().forEach(k -> terms.put(TextNormalizer.normalize(k), k));
            }
            t.urgency().keySet().forEach(k -> terms.put(TextNormalizer.normalize(k), k));
            library = new AhoCorasickDoubleArrayTrie<>();
            library.build(terms);
            classifier = new KeywordClassifier(t);
            steps = new ClassifierSteps(t);
            original = ClassifierSteps.original(t);
        }

        private boolean wanted(String text) {
            return switch (messages) {
                case "all" -> true;
                case "zh" -> BenchMessages.isChinese(text);
                case "en" -> !BenchMessages.isChinese(text);
                default -> throw new IllegalArgumentException("messages is all, zh or en, was " + messages);
            };
        }

        int index() {
            int i = next++;
            if (next == texts.length) {
                next = 0;
            }
            return i;
        }
    }

    /** The whole call, as in ClassifierThroughput.keywordClassifier. */
    @Benchmark
    public Classification classify(Steps s) {
        return s.classifier.classify(null, s.texts[s.index()]);
    }

    /** Folding and the automaton pass: the floor of the engine's own work. */
    @Benchmark
    public int scanOnly(Steps s) {
        return s.steps.scan(s.texts[s.index()]);
    }

    /** Folding alone, as the original engine did it. */
    @Benchmark
    public String normalizeWithOrigin(Steps s) {
        String text = s.texts[s.index()];
        int[] origin = new int[text.length()];
        return TextNormalizer.normalize(text, origin);
    }

    /** The library's Aho-Corasick pass over pre-folded text, keywords only, hits counted. */
    @Benchmark
    public int libraryPassOnly(Steps s) {
        s.hits = 0;
        s.library.parseText(s.folded[s.index()], s.countHit);
        return s.hits;
    }

    /** The engine before the rewrite, in the same run. */
    @Benchmark
    public Classification originalEngine(Steps s) {
        return s.original.apply(null, s.texts[s.index()]);
    }
}
