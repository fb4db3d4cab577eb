package org.inboundrouter.classify;

import org.inboundrouter.classify.ReloadingClassifier.Reload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReloadingClassifierTest {

    @TempDir
    Path dir;

    private static String taxonomy(String refundKeywords) {
        return "categories:\n  refund:\n    keywords:\n      zh: {" + refundKeywords + "}\n  other: {}\n";
    }

    @Test
    void anEditedTaxonomyChangesTheNextClassificationAndABrokenOneIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("t.yaml"), taxonomy("退款: 3"));
        ReloadingClassifier classifier = ReloadingClassifier.open(file);
        assertThat(classifier.current().classify(null, "钱退回来").category()).isEqualTo("other");
        assertThat(classifier.reloadIfChanged()).isEqualTo(Reload.UNCHANGED);

        Files.writeString(file, taxonomy("退款: 3, 退回来: 3"));
        assertThat(classifier.reloadIfChanged()).isEqualTo(Reload.RELOADED);
        assertThat(classifier.current().classify(null, "钱退回来").category()).isEqualTo("refund");

        Files.writeString(file, taxonomy("退款: lots"));
        assertThat(classifier.reloadIfChanged()).isEqualTo(Reload.REJECTED);
        assertThat(classifier.reloadIfChanged()).as("reported once").isEqualTo(Reload.UNCHANGED);
        assertThat(classifier.current().classify(null, "钱退回来").category()).as("previous stays")
                .isEqualTo("refund");
    }
}
