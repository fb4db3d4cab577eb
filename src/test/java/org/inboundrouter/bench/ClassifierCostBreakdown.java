package org.inboundrouter.bench;

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
 *   <li>{@code originalEngine}: the whole call with the original engine.</li>
 * </ul>
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
        int next;
        KeywordClassifier classifier;
        ClassifierSteps steps;
        BiFunction<String, String, Classification> original;

        @Setup(Level.Trial)
        public void setUp() {
            messages = BenchMessages.build();
            Taxonomy t = ClassifierThroughput.load(taxonomy);
            classifier = new KeywordClassifier(t);
            steps = new ClassifierSteps(t);
            original = ClassifierSteps.original(t);
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

    /** Folding and the automaton pass: the floor of the engine's own work. */
    @Benchmark
    public int scanOnly(Steps s) {
        return s.steps.scan(s.messages[s.index()]);
    }

    /** Folding alone, as the original engine did it. */
    @Benchmark
    public String normalizeWithOrigin(Steps s) {
        String text = s.messages[s.index()];
        int[] origin = new int[text.length()];
        return TextNormalizer.normalize(text, origin);
    }

    /** The engine before the rewrite, in the same run. */
    @Benchmark
    public Classification originalEngine(Steps s) {
        return s.original.apply(null, s.messages[s.index()]);
    }
}
