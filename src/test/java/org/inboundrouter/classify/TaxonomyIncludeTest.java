package org.inboundrouter.classify;

import org.inboundrouter.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code include:}: a fragment beside the taxonomy adds keywords, weights, combinations and vetoes to its categories. */
class TaxonomyIncludeTest {

    private static final String MAIN = """
            scoring: {minScore: 2, subjectWeight: 2}
            include:
              - learned.yaml
            categories:
              refund:
                priority: normal
                keywords: {zh: {退款: 1}}
              other: {}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void anIncludedFileAddsTermsAndTakesOverWeights() throws Exception {
        write("learned.yaml", """
                categories:
                  refund:
                    keywords:
                      zh: {退款: 3, 退货: 3}
                    combinations:
                      - {terms: [钱], with: [退回来], weight: 3}
                    veto: [贷款]
                """);
        Taxonomy t = TaxonomyReader.read(write("t.yaml", MAIN));
        Taxonomy.Category refund = t.categories().get(0);
        assertThat(refund.keywords()).containsEntry("退款", 3.0).containsEntry("退货", 3.0);
        assertThat(refund.combinations()).hasSize(1);
        assertThat(refund.veto()).containsExactly("贷款");
        KeywordClassifier k = new KeywordClassifier(t);
        assertThat(k.classify(null, "申请退款").category()).isEqualTo("refund");   // 1 alone is below minScore
        assertThat(k.classify(null, "钱什么时候退回来").category()).isEqualTo("refund");
        assertThat(k.classify(null, "贷款退款").category()).isEqualTo("other");
    }

    @Test
    void anIncludedFileCannotNameAMissingCategoryNorSetNamesAndItsProblemsNameIt() throws Exception {
        write("learned.yaml", """
                categories:
                  refund:
                    priority: high
                  nosuch:
                    keywords: {zh: {钱: 1}}
                """);
        assertThatThrownBy(() -> TaxonomyReader.read(write("t.yaml", MAIN))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("learned.yaml:3: categories.refund.priority: an included file adds terms only")
                .hasMessageContaining("learned.yaml:4: categories.nosuch: no such category in");
    }

    @Test
    void aMissingIncludeIsAProblemOfTheTaxonomy() throws Exception {
        assertThatThrownBy(() -> TaxonomyReader.read(write("t.yaml", MAIN))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.yaml:3: include: cannot read");
    }

    @Test
    void theDaemonReloadsWhenOnlyTheIncludedFileChanges() throws Exception {
        write("learned.yaml", "categories: {}\n");
        Path main = write("t.yaml", MAIN);
        ReloadingClassifier classifier = ReloadingClassifier.open(main);
        assertThat(classifier.current().classify(null, "退货").category()).isEqualTo("other");
        assertThat(classifier.reloadIfChanged()).isEqualTo(ReloadingClassifier.Reload.UNCHANGED);

        write("learned.yaml", "categories:\n  refund:\n    keywords: {zh: {退货: 3}}\n");
        assertThat(classifier.reloadIfChanged()).isEqualTo(ReloadingClassifier.Reload.RELOADED);
        assertThat(classifier.current().classify(null, "退货").category()).isEqualTo("refund");

        write("learned.yaml", "categories:\n  refund:\n    keywords: {zh: {退货: many}}\n");
        assertThat(classifier.reloadIfChanged()).isEqualTo(ReloadingClassifier.Reload.REJECTED);
        assertThat(classifier.current().classify(null, "退货").category()).isEqualTo("refund");
    }

    @Test
    void theShippedTaxonomyIncludesItsLearnedPartInsideTheJarToo() {
        Taxonomy builtIn = TaxonomyReader.builtIn();
        Taxonomy file = TaxonomyReader.read(Path.of("classifiers/wallet-support.yaml"));
        assertThat(builtIn.keywordCount()).isEqualTo(file.keywordCount());
        assertThat(TaxonomyReader.files(Path.of("classifiers/wallet-support.yaml"), "include: [a.yaml, b.yaml]\n"))
                .containsExactly(Path.of("classifiers/wallet-support.yaml"), Path.of("classifiers/a.yaml"),
                        Path.of("classifiers/b.yaml"));
    }
}
