package org.inboundrouter.classify;

import org.inboundrouter.classify.Classification.KeywordMatch;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The example taxonomy in classifiers/README.md loads and does what the text around it says. */
class ReadmeExampleTest {

    private static KeywordClassifier example() throws Exception {
        String readme = Files.readString(Path.of("classifiers/README.md"));
        int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        return new KeywordClassifier(TaxonomyReader.parse(Path.of("classifiers/README.md"), yaml));
    }

    @Test
    void theExampleBehavesAsDocumented() throws Exception {
        KeywordClassifier c = example();
        Classification topup = c.classify(null, "冲值了200还没到账");
        assertThat(topup.category()).isEqualTo("topup");
        assertThat(topup.matches()).extracting(KeywordMatch::kind, KeywordMatch::term, KeywordMatch::start,
                KeywordMatch::end).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("keyword", "充值", 0, 2),
                        org.assertj.core.groups.Tuple.tuple("combination", "充值 … 没到账", 0, 10));
        assertThat(c.classify(null, "没到账，充值的200").category()).isEqualTo("topup");
        assertThat(c.classify(null, "我被骗了，转账给他").category()).isEqualTo("fraud_scam");
        assertThat(c.classify(null, "我没有被骗，只是转账给朋友").category()).isEqualTo("other");
        assertThat(c.classify(null, "不是被骗，转账是我自己操作的").category()).isEqualTo("other");
        assertThat(c.classify(null, "已经取消了还在扣").category()).isEqualTo("refund");
        assertThat(c.classify(null, "还在扣，已经取消了").category()).isEqualTo("other");
        Classification loan = c.classify(null, "还款的时候充值失败了");
        assertThat(loan.category()).isEqualTo("other");
        assertThat(loan.matches()).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo("veto");
            assertThat(m.category()).isEqualTo("topup");
        });
    }
}
