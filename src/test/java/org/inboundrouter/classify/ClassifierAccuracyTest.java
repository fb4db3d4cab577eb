package org.inboundrouter.classify;

import org.inboundrouter.classify.LabelledExamples.Example;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the shipped taxonomy's accuracy: on the project's own Chinese test set (written without sight of the
 * keywords) and, when ../shared is present, on the BANKING77 train split the English side is tuned on.
 */
class ClassifierAccuracyTest {

    private final KeywordClassifier classifier =
            new KeywordClassifier(TaxonomyReader.read(Path.of("classifiers/wallet-support.yaml")));

    private Evaluation evaluate(List<Example> examples, Map<String, String> labels) {
        Evaluation evaluation = new Evaluation();
        for (Example e : examples) {
            evaluation.add(labels.getOrDefault(e.label(), e.label()), classifier.classify(null, e.text()).category());
        }
        return evaluation;
    }

    @Test
    void chineseTestSetAccuracy() throws Exception {
        Path data = Path.of(getClass().getResource("/classify/zh-messages.csv").toURI());
        Evaluation e = evaluate(LabelledExamples.readCsv(data), Map.of());
        System.out.printf("zh-messages.csv: accuracy=%.3f macro_f1=%.3f n=%d%n", e.accuracy(), e.macroF1(), e.size());
        assertThat(e.size()).isGreaterThanOrEqualTo(300);
        assertThat(e.accuracy()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void banking77TrainSplitMacroF1() throws Exception {
        Path dir = Path.of(System.getProperty("shared.dir", "../shared"), "data", "banking77");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("train.csv")), "../shared/data/banking77 absent: skipped");
        Evaluation e = evaluate(LabelledExamples.readCsv(dir.resolve("train.csv")),
                LabelledExamples.readMap(dir.resolve("intent_map.tsv")));
        System.out.printf("BANKING77 train: accuracy=%.3f macro_f1=%.3f n=%d%n", e.accuracy(), e.macroF1(), e.size());
        assertThat(e.macroF1()).isGreaterThanOrEqualTo(0.85);
    }

    /**
     * The corpus's dev split (real customer text, never learned from), when it has been rebuilt from the sources
     * (python3 corpus/build.py; corpus/README.md). A guard against regressions, at the figures reached: the issue's
     * bar (0.85 and 0.95) is not met yet, see BENCHMARKS.md.
     */
    @Test
    void corpusDevSplit() throws Exception {
        Path dev = Path.of("corpus", "build", "dev.csv");
        Assumptions.assumeTrue(Files.isRegularFile(dev), "corpus/build/dev.csv absent (python3 corpus/build.py "
                + "rebuilds it from the sources' mirrors): skipped");
        Evaluation e = evaluate(LabelledExamples.readCsv(dev), Map.of());
        double problems = e.accuracyOf(Classification.OTHER, false);
        double others = e.accuracyOf(Classification.OTHER, true);
        System.out.printf("corpus dev: non-other accuracy=%.3f other accuracy=%.3f macro_f1=%.3f n=%d%n", problems,
                others, e.macroF1(), e.size());
        assertThat(problems).isGreaterThanOrEqualTo(0.63);
        assertThat(others).isGreaterThanOrEqualTo(0.85);
    }
}
