package org.inboundrouter.classify;

import org.inboundrouter.classify.LabelledExamples.Example;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code inbound-router eval --data FILE.csv [--map FILE.tsv] [--taxonomy FILE]}: how well a taxonomy does. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Classify labelled messages and report precision, recall, F1, a confusion matrix and, "
                + "as the last line, accuracy=... macro_f1=... n=...")
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "CSV of text,category (quoted fields as in BANKING77).")
    Path data;

    @Option(names = "--map", paramLabel = "FILE.tsv", description = "TSV mapping the data's labels to category ids.")
    Path map;

    @Mixin
    TaxonomyOption taxonomy;

    @Override
    public Integer call() throws IOException {
        Optional<KeywordClassifier> loaded = taxonomy.load();
        if (loaded.isEmpty()) {
            return 2;
        }
        KeywordClassifier classifier = loaded.get();
        Set<String> ids = classifier.taxonomy().categories().stream().map(Taxonomy.Category::id)
                .collect(Collectors.toSet());
        List<Example> examples = LabelledExamples.readCsv(data);
        Map<String, String> labels = map == null ? Map.of() : LabelledExamples.readMap(map);
        Set<String> unknown = new TreeSet<>();
        Evaluation evaluation = new Evaluation();
        for (Example e : examples) {
            String expected = labels.getOrDefault(e.label(), e.label());
            if (!ids.contains(expected)) {
                unknown.add(e.label());
                continue;
            }
            evaluation.add(expected, classifier.classify(null, e.text()).category());
        }
        if (!unknown.isEmpty()) {
            System.err.println("inbound-router: labels that are no category of the taxonomy"
                    + (map == null ? " (give --map?)" : " and not in " + map) + ": " + String.join(", ", unknown));
            return 2;
        }
        evaluation.print(System.out);
        return 0;
    }
}
