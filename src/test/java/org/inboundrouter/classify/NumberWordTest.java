package org.inboundrouter.classify;

import org.inboundrouter.classify.Classification.KeywordMatch;
import org.inboundrouter.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code <number>} in a combination stands for any run of digits: 充了200, 报错1000075, ２００ (full-width, folded). */
class NumberWordTest {

    private static final String TAXONOMY = """
            scoring: {minScore: 2, subjectWeight: 2}
            categories:
              topup:
                combinations:
                  - {terms: [充了], then: [<number>], within: 1, weight: 3}
              payment_failure:
                combinations:
                  - {terms: [报错], with: [<number>], within: 3, weight: 3}
              other: {}
            """;

    private final KeywordClassifier classifier =
            new KeywordClassifier(TaxonomyReader.parse(Path.of("numbers.yaml"), TAXONOMY));

    @Test
    void aNumberAfterTheWordCounts() {
        Classification c = classifier.classify(null, "昨天充了200没到账");
        assertThat(c.category()).isEqualTo("topup");
        KeywordMatch m = c.matches().get(0);
        assertThat(m.kind()).isEqualTo("combination");
        assertThat(m.term()).isEqualTo("充了 … <number>");
        assertThat("昨天充了200没到账".substring(m.start(), m.end())).isEqualTo("充了200");
    }

    @Test
    void fullWidthDigitsAreNumbersAndTheOrderAndDistanceHold() {
        assertThat(classifier.classify(null, "充了 ２００元").category()).isEqualTo("topup");
        assertThat(classifier.classify(null, "200块充了").category()).isEqualTo("other");   // then: after only
        assertThat(classifier.classify(null, "充了好几次200").category()).isEqualTo("other"); // more than 1 apart
        assertThat(classifier.classify(null, "1000075报错").category()).isEqualTo("payment_failure");  // with: either
        assertThat(classifier.classify(null, "没有充了").category()).isEqualTo("other");   // no number at all
    }

    @Test
    void aNumberIsAWordOfCombinationsOnly() {
        assertThatThrownBy(() -> TaxonomyReader.parse(Path.of("t.yaml"), """
                categories:
                  topup: {keywords: {zh: {<number>: 3}}}
                  other: {}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("categories.topup.keywords: <number> stands for a number in combinations only");
    }
}
