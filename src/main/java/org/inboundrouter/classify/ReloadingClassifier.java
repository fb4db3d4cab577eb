package org.inboundrouter.classify;

import org.inboundrouter.config.ConfigException;
import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's classifier: a {@link KeywordClassifier} for the taxonomy file, replaced when the file changes. A
 * changed file that does not load is reported and the previous taxonomy stays in force, so a typo made in a running
 * system never leaves it without a classifier.
 */
public final class ReloadingClassifier implements Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingClassifier.class);

    /** What a reload check found. */
    public enum Reload { UNCHANGED, RELOADED, REJECTED }

    private final Path file;
    private final AtomicReference<KeywordClassifier> current = new AtomicReference<>();
    private volatile String loadedHash;
    private volatile String rejectedHash;

    private ReloadingClassifier(Path file, KeywordClassifier initial, String hash) {
        this.file = file;
        this.current.set(initial);
        this.loadedHash = hash;
    }

    /** Loads {@code file}; throws {@link ConfigException} when it has problems (start-up must not go on). */
    public static ReloadingClassifier open(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        KeywordClassifier classifier = new KeywordClassifier(
                TaxonomyReader.parse(file, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        log(classifier, "loaded");
        return new ReloadingClassifier(file, classifier, hash(file, bytes));
    }

    /** One hash over the taxonomy and the files it includes: an edit to either reloads. */
    private static String hash(Path file, byte[] bytes) throws IOException {
        StringBuilder all = new StringBuilder(Sha256.hex(bytes));
        List<Path> files = TaxonomyReader.files(file, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        for (Path included : files.subList(1, files.size())) {
            all.append(Files.isRegularFile(included) ? Sha256.hex(Files.readAllBytes(included)) : "absent");
        }
        return all.toString();
    }

    @Override
    public Classification classify(InboundMessage message) {
        return current.get().classify(message);
    }

    public KeywordClassifier current() {
        return current.get();
    }

    /** Reloads when the file's content changed since the last attempt. */
    public Reload reloadIfChanged() {
        byte[] bytes;
        String hash;
        try {
            bytes = Files.readAllBytes(file);
            hash = hash(file, bytes);
        } catch (IOException e) {
            if (rejectedHash == null || !rejectedHash.equals("unreadable")) {
                LOG.error("Taxonomy {} cannot be read ({}); the previous taxonomy stays in force", file, e.toString());
                rejectedHash = "unreadable";
            }
            return Reload.REJECTED;
        }
        if (hash.equals(loadedHash) || hash.equals(rejectedHash)) {
            return Reload.UNCHANGED;
        }
        try {
            KeywordClassifier next = new KeywordClassifier(TaxonomyReader.parse(file,
                    new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
            current.set(next);
            loadedHash = hash;
            rejectedHash = null;
            log(next, "reloaded");
            return Reload.RELOADED;
        } catch (ConfigException e) {
            rejectedHash = hash;
            LOG.error("Taxonomy {} changed but cannot be used; the previous taxonomy stays in force:\n{}", file,
                    e.getMessage());
            return Reload.REJECTED;
        }
    }

    private static void log(KeywordClassifier classifier, String what) {
        Taxonomy t = classifier.taxonomy();
        LOG.info("Taxonomy {} {}: {} categories, {} terms", t.source(), what, t.categories().size(), t.keywordCount());
    }
}
