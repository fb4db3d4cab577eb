package org.inboundrouter.classify;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped taxonomy has 45 patterns and fewer than 64 literal runs, so the bit sets {@link KeywordClassifier}
 * keeps per field (triggered patterns, candidates, runs seen, runs near a trigger) fit in one long each. Here a
 * generated taxonomy of 150 patterns with about 240 runs needs several words of each, and its gaps (with
 * {@code .} over surrogate pairs and U+0085, {@code \d}, lookbehinds) are met at and around their limits, so that
 * the window in which a trigger's runs must end is checked at its edges. Compared with the frozen original engine.
 */
class ClassifierManyPatternsTest {

    private static final String CHARS = "充值提现转账退款失败没到收钱卡号码登录密码余额冻结取消关闭修改手机验证";
    private static final List<String> FILLER = List.of("的", "了", "我", "，", " ", "  ", "\t", "\n", "\u0085",
            "\uD83D\uDE00", "1", "23", "a", "Ａ", "轉", "帳");

    @Test
    void manyPatternsAndRunsGiveTheOriginalResults() {
        Random random = new Random(20261122L);
        List<String> pieces = new ArrayList<>();
        StringBuilder yaml = new StringBuilder("scoring: {minScore: 1, subjectWeight: 2}\nurgency: {马上: 1}\ncategories:\n");
        List<List<String>> wordsOfPatterns = new ArrayList<>();
        int pattern = 0;
        for (int c = 0; c < 5; c++) {
            yaml.append("  c").append(c).append(":\n    keywords:\n      zh: {")
                    .append(word(random, pieces)).append(": 1, ").append(word(random, pieces)).append(": 2}\n")
                    .append("    patterns:\n");
            for (int k = 0; k < 30; k++, pattern++) {
                int from = pieces.size();
                String regex = switch (pattern % 5) {
                    case 0 -> "(" + word(random, pieces) + "|" + word(random, pieces) + ").{0," + random.nextInt(7)
                            + "}(" + word(random, pieces) + "|" + word(random, pieces) + ")";
                    case 1 -> word(random, pieces) + ".{1," + (1 + random.nextInt(5)) + "}" + word(random, pieces)
                            + ".{0,2}(" + word(random, pieces) + ")";
                    case 2 -> "(?<!" + CHARS.charAt(random.nextInt(CHARS.length())) + ")" + word(random, pieces)
                            + "了?\\\\d{1,2}" + word(random, pieces);
                    case 3 -> word(random, pieces) + "(" + word(random, pieces) + ")?.{0,3}" + word(random, pieces);
                    default -> "(" + word(random, pieces) + "|" + word(random, pieces) + ")\\\\s?.{2,4}"
                            + word(random, pieces);
                };
                wordsOfPatterns.add(List.copyOf(pieces.subList(from, pieces.size())));
                yaml.append("      - {regex: \"").append(regex).append("\", weight: ").append(1 + k % 3).append("}\n");
            }
        }
        yaml.append("  other: {}\n");
        Taxonomy t = TaxonomyReader.parse(Path.of("many.yaml"), yaml.toString());
        assertThat(t.categories().stream().mapToInt(c -> c.patterns().size()).sum()).isEqualTo(150);
        assertThat(new CompiledTaxonomy(t).runWords).as("run sets of more than one long").isGreaterThan(1);

        KeywordClassifier engine = new KeywordClassifier(t);
        OriginalKeywordClassifier original = new OriginalKeywordClassifier(t);
        List<String> differences = new ArrayList<>();
        int patternMatches = 0;
        for (int i = 0; i < 20_000 && differences.size() < 5; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(20); k > 0; k--) {
                int r = random.nextInt(4);
                if (r == 0) {
                    // a pattern's words in order, with 0 to 5 filler pieces between: around its gaps' limits
                    for (String w : wordsOfPatterns.get(random.nextInt(wordsOfPatterns.size()))) {
                        text.append(w);
                        for (int f = random.nextInt(6); f > 0; f--) {
                            text.append(FILLER.get(random.nextInt(FILLER.size())));
                        }
                    }
                } else {
                    text.append(r == 1 ? pieces.get(random.nextInt(pieces.size()))
                            : FILLER.get(random.nextInt(FILLER.size())));
                }
            }
            Classification expected = original.classify(null, text.toString());
            String d = GoldenClassifications.difference(GoldenClassifications.encode(expected),
                    GoldenClassifications.encode(engine.classify(null, text.toString())));
            if (d != null) {
                differences.add(text + ": " + d);
            }
            patternMatches += (int) expected.matches().stream().filter(m -> m.kind().equals("pattern")).count();
        }
        assertThat(differences).isEmpty();
        assertThat(patternMatches).as("the texts do match patterns").isGreaterThan(10_000);
    }

    /** A word of two chars from a small pool (so that words recur across patterns and texts). */
    private static String word(Random random, List<String> pieces) {
        String w = "" + CHARS.charAt(random.nextInt(CHARS.length())) + CHARS.charAt(random.nextInt(CHARS.length()));
        pieces.add(w);
        return w;
    }
}
