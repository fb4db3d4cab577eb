package org.inboundrouter.classify.learn;

import org.inboundrouter.classify.Classification;
import org.inboundrouter.classify.Evaluation;
import org.inboundrouter.classify.KeywordClassifier;
import org.inboundrouter.classify.LabelledExamples;
import org.inboundrouter.classify.LabelledExamples.Example;
import org.inboundrouter.classify.Taxonomy;
import org.inboundrouter.classify.TaxonomyFiles;
import org.inboundrouter.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code inbound-router learn --data train.csv [--dev dev.csv] [--map labels.tsv] [--out fragment.yaml]}: proposes
 * keyword weights, new keywords and combinations from labelled messages (eval's CSV, or the corrections agents made,
 * {@code GET /api/corrections}), and writes them as a taxonomy fragment for review, every proposal with its evidence.
 */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = "Propose keyword weights, new keywords and combinations from labelled messages and write them "
                + "as a taxonomy fragment for review (see classifiers/README.md).")
public final class LearnCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE.csv|URL",
            description = "Labelled messages (text,category), to learn from; repeatable. An http(s) URL is fetched "
                    + "(e.g. http://127.0.0.1:8081/api/corrections, with the token from INBOUND_ROUTER_TOKEN or "
                    + "--token-file).")
    List<String> data;

    @Option(names = "--dev", paramLabel = "FILE.csv|URL",
            description = "Labelled messages never learned from: each proposal's effect on them is reported.")
    String devData;

    @Option(names = "--map", paramLabel = "FILE.tsv", description = "TSV mapping the data's labels to category ids.")
    Path map;

    @Option(names = "--taxonomy", paramLabel = "FILE",
            description = "Taxonomy to improve (default: classifiers/wallet-support.yaml, else the built-in one).")
    Path taxonomyFile;

    @Option(names = "--out", paramLabel = "FRAGMENT.yaml",
            description = "Where to write the fragment (default: standard output).")
    Path out;

    @Option(names = "--max", defaultValue = "200", description = "At most this many proposals (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--min-support", defaultValue = "3",
            description = "A new term needs this many messages of its category, rewordings of one question "
                    + "(the CSV's group column) counting once (default: ${DEFAULT-VALUE}).")
    int minSupport;

    @Option(names = "--min-precision", defaultValue = "0.6",
            description = "Share of a new term's messages that must be of its category (default: ${DEFAULT-VALUE}; "
                    + "0.8 for out-of-scope terms proposed for 'other').")
    double minPrecision;

    @Option(names = "--min-fixed", defaultValue = "2",
            description = "A proposal must put this many more training messages right than it puts wrong "
                    + "(default: ${DEFAULT-VALUE}).")
    int minFixed;

    @Option(names = "--reject", paramLabel = "FILE",
            description = "Terms never to propose, one per line (# comments): what a review turned down before.")
    Path reject;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "For an http(s) --data or --dev: the admin API's bearer token (default: the "
                    + "INBOUND_ROUTER_TOKEN environment variable).")
    Path tokenFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Taxonomy base;
        try {
            base = TaxonomyFiles.load(taxonomyFile);
        } catch (ConfigException e) {
            System.err.println("inbound-router: the taxonomy has problems:\n" + e.getMessage());
            return 2;
        }
        Map<String, String> labels = map == null ? Map.of() : LabelledExamples.readMap(map);
        Set<String> ids = base.categories().stream().map(Taxonomy.Category::id).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        List<String[]> train = new ArrayList<>();
        String token = token();
        for (String source : data) {
            train.addAll(examples(source, token, labels, ids, unknown));
        }
        List<String[]> dev = devData == null ? List.of() : examples(devData, token, labels, ids, unknown);
        if (!unknown.isEmpty()) {
            System.err.println("inbound-router: labels that are no category of the taxonomy"
                    + (map == null ? " (give --map?)" : " and not in " + map) + ": " + String.join(", ", unknown));
            return 2;
        }
        if (train.isEmpty()) {
            System.err.println("inbound-router: no labelled messages in " + String.join(", ", data));
            return 2;
        }
        Set<String> rejected = new java.util.HashSet<>();
        if (reject != null) {
            for (String line : Files.readAllLines(reject, StandardCharsets.UTF_8)) {
                String term = line.replaceFirst("#.*", "").trim();
                if (!term.isEmpty()) {
                    rejected.add(org.inboundrouter.classify.TextNormalizer.normalize(term));
                }
            }
        }
        Learner learner = new Learner(base, train, dev,
                new Learner.Options(minSupport, minPrecision, 0.8, minFixed, max, 8, rejected));
        List<Learner.Proposal> proposals = learner.learn();
        Taxonomy merged = learner.merged(proposals);
        String trainLine = "train (" + train.size() + "): " + compare(base, merged, train);
        String devLine = dev.isEmpty() ? "dev: none given (--dev)" : "dev (" + dev.size() + "): "
                + compare(base, merged, dev);
        String fragment = Fragment.write(learner, proposals, List.of(
                "Proposed by inbound-router learn from " + String.join(", ", data) + " for " + base.source(),
                "Review every line; keep what reads as a real signal, drop what only fits the data. Then copy",
                "the lines into the taxonomy, or list this file under `include:` there (see classifiers/README.md).",
                "Each proposal: the training messages it occurs in, per category; how many it puts right and wrong",
                "on train (tr +n -m, in the order taken) and on dev (dev +n -m, never used to choose).",
                trainLine, devLine));
        if (out == null) {
            System.out.print(fragment);
        } else {
            Files.writeString(out, fragment, StandardCharsets.UTF_8);
            System.err.println("inbound-router: " + proposals.size() + " proposals written to " + out);
        }
        System.err.println(trainLine);
        System.err.println(devLine);
        return 0;
    }

    /** Before -> after on labelled messages, with the real classifier on the base and the merged taxonomy. */
    private static String compare(Taxonomy before, Taxonomy after, List<String[]> examples) {
        Evaluation b = evaluate(new KeywordClassifier(before), examples);
        Evaluation a = evaluate(new KeywordClassifier(after), examples);
        return String.format(Locale.ROOT, "non-other accuracy %.3f -> %.3f, other accuracy %.3f -> %.3f, "
                        + "macro-F1 %.3f -> %.3f", b.accuracyOf(Classification.OTHER, false),
                a.accuracyOf(Classification.OTHER, false), b.accuracyOf(Classification.OTHER, true),
                a.accuracyOf(Classification.OTHER, true), b.macroF1(), a.macroF1());
    }

    private static Evaluation evaluate(KeywordClassifier classifier, List<String[]> examples) {
        Evaluation e = new Evaluation();
        examples.forEach(x -> e.add(x[1], classifier.classify(null, x[0]).category()));
        return e;
    }

    /** {@code [text, category id, group]} triples from a CSV file or URL, labels mapped. */
    private static HttpRequest request(String source, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    /** The admin API's token for fetched data: --token-file, else INBOUND_ROUTER_TOKEN, else none. */
    private String token() throws IOException {
        if (tokenFile != null) {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        }
        String t = System.getenv("INBOUND_ROUTER_TOKEN");
        return t == null || t.isBlank() ? null : t.strip();
    }

    private static List<String[]> examples(String source, String token, Map<String, String> labels, Set<String> ids,
            Set<String> unknown) throws IOException, InterruptedException {
        Path file;
        boolean fetched = source.startsWith("http://") || source.startsWith("https://");
        if (fetched) {
            file = Files.createTempFile("inbound-router-learn", ".csv");
            HttpResponse<Path> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request(source, token), HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(file);
                throw new IOException(source + " answered " + response.statusCode());
            }
        } else {
            file = Path.of(source);
        }
        try {
            List<String[]> out = new ArrayList<>();
            for (Example e : LabelledExamples.readCsv(file)) {
                String category = labels.getOrDefault(e.label(), e.label());
                if (!ids.contains(category)) {
                    unknown.add(e.label());
                } else {
                    out.add(new String[] {e.text(), category, e.group() == null ? source + "#" + out.size() : e.group()});
                }
            }
            return out;
        } finally {
            if (fetched) {
                Files.deleteIfExists(file);
            }
        }
    }
}
