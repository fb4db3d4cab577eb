package org.inboundrouter.classify;

import org.inboundrouter.config.ConfigException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** The {@code --taxonomy} option the classifier commands share, and loading what it names. */
public final class TaxonomyOption {

    @Option(names = "--taxonomy", paramLabel = "FILE",
            description = "Taxonomy file (default: classifiers/wallet-support.yaml, else the built-in one).")
    Path taxonomy;

    /** The classifier, or empty after printing the taxonomy's problems to stderr. */
    Optional<KeywordClassifier> load() {
        try {
            return Optional.of(new KeywordClassifier(TaxonomyFiles.load(taxonomy)));
        } catch (ConfigException e) {
            System.err.println("inbound-router: the taxonomy has problems:\n" + e.getMessage());
            return Optional.empty();
        }
    }
}
