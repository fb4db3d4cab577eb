package org.inboundrouter.classify;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the taxonomy comes from: a named file, else the default file if present, else the copy in the jar. */
public final class TaxonomyFiles {

    public static final Path DEFAULT = Path.of("classifiers", "wallet-support.yaml");

    private TaxonomyFiles() {
    }

    public static Taxonomy load(Path file) {
        if (file != null) {
            return TaxonomyReader.read(file);
        }
        return Files.isRegularFile(DEFAULT) ? TaxonomyReader.read(DEFAULT) : TaxonomyReader.builtIn();
    }
}
