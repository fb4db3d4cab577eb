package org.inboundrouter.bench;

import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.KeywordClassifier;
import org.inboundrouter.classify.Taxonomy;
import org.inboundrouter.classify.TaxonomyReader;
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
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Classification throughput, one message per operation, one thread: the scores are messages per second per core.
 * Run by {@code bench/classifier-bench.sh} (see BENCHMARKS.md); not a test, surefire never runs it.
 * <ul>
 *   <li>{@code keywordClassifier}: {@link KeywordClassifier#classify(String, String)} with no subject, the full
 *   result with its matches;</li>
 *   <li>{@code naiveContains}: baseline (a), the same scoring with an indexOf loop per keyword
 *   ({@link NaiveClassifier});</li>
 *   <li>{@code plainPass}: baseline (b), the floor: one pass over the message's chars, folding each.</li>
 * </ul>
 * The taxonomy ({@code @Param taxonomy}) is read at each run from {@code classifiers/wallet-support.yaml} in the working
 * directory: {@code shipped} is the file as it is; {@code extended} is the same grown in code to
 * {@value #EXTENDED_TERMS} terms (only meaningful while the file has fewer). bench/classifier-bench.sh picks the
 * variants that apply to the file of the day ({@link ClassifierBenchInfo} prints them).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dfile.encoding=UTF-8"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class ClassifierThroughput {

    public static final String TAXONOMY_FILE = "classifiers/wallet-support.yaml";
    public static final int EXTENDED_TERMS = 1000;

    /** The messages, cycled in order: each thread walks the same fixed mix. */
    @State(Scope.Thread)
    public static class Input {
        String[] messages;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            messages = BenchMessages.build();
            next = 0;
        }

        String message() {
            return messages[next++ & (BenchMessages.COUNT - 1)];
        }
    }

    @State(Scope.Benchmark)
    public static class Classifiers {
        @Param({"shipped", "extended"})
        public String taxonomy;

        KeywordClassifier keywordClassifier;
        NaiveClassifier naive;

        @Setup(Level.Trial)
        public void setUp() {
            Taxonomy t = load(taxonomy);
            keywordClassifier = new KeywordClassifier(t);
            naive = new NaiveClassifier(t);
            System.out.println("# taxonomy " + taxonomy + ": keywordCount() = " + t.keywordCount());
        }
    }

    /** {@code shipped} or {@code extended}. */
    public static Taxonomy load(String variant) {
        Taxonomy shipped = TaxonomyReader.read(Path.of(TAXONOMY_FILE));
        return switch (variant) {
            case "shipped" -> shipped;
            case "extended" -> ExtendedTaxonomy.extend(shipped, EXTENDED_TERMS);
            default -> throw new IllegalArgumentException("taxonomy is shipped or extended, was " + variant);
        };
    }

    @Benchmark
    public Classification keywordClassifier(Classifiers c, Input in) {
        return c.keywordClassifier.classify(null, in.message());
    }

    @Benchmark
    public int naiveContains(Classifiers c, Input in) {
        return c.naive.classify(in.message());
    }

    @Benchmark
    public void plainPass(Input in, Blackhole bh) {
        String text = in.message();
        int sum = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            sum += TextNormalizer.fold(text.charAt(i));
        }
        bh.consume(sum);
    }
}
