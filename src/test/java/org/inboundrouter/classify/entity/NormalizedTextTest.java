package org.inboundrouter.classify.entity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizedTextTest {

    @Test
    void fullWidthMapsOneToOne() {
        NormalizedText nt = NormalizedText.of("付￥１００：ＯＫ");
        assertThat(nt.text()).isEqualTo("付¥100:OK");
        assertThat(nt.originalText(1, 5)).isEqualTo("￥１００");
        assertThat(nt.originalStart(1)).isEqualTo(1);
        assertThat(nt.originalEnd(5)).isEqualTo(5);
    }

    @Test
    void expansionsMapBackToTheWholeCharacter() {
        NormalizedText nt = NormalizedText.of("2㎏x");   // ㎏ -> "kg"
        assertThat(nt.text()).isEqualTo("2kgx");
        assertThat(nt.originalText(1, 2)).isEqualTo("㎏"); // half of the expansion is still the whole char
        assertThat(nt.originalStart(3)).isEqualTo(2);
        assertThat(nt.originalEnd(4)).isEqualTo(3);
    }

    @Test
    void surrogatePairsStayWhole() {
        NormalizedText nt = NormalizedText.of("😀１");
        assertThat(nt.text()).isEqualTo("😀1");
        assertThat(nt.originalText(2, 3)).isEqualTo("１");
        assertThat(nt.originalStart(2)).isEqualTo(2);
    }
}
