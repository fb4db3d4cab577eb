package org.inboundrouter.classify;

import org.inboundrouter.classify.LabelledExamples.Example;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares {@link KeywordClassifier} with the frozen original engine ({@link OriginalKeywordClassifier}) on inputs
 * no hand-written list would think of: random strings made of the taxonomy's own pieces (keywords, the literals of
 * its patterns, their traditional and full-width forms) glued with filler, digits, white space, surrogate pairs and
 * line terminators, so that patterns meet their gaps at and around their limits. Also BANKING77 when ../shared is
 * present, and a synthetic taxonomy whose patterns are of shapes the shipped one does not have.
 * <p>
 * {@code -Dclassify.fuzz.rounds=N} runs N times more strings (default 1) for a longer search.
 */
class ClassifierDifferentialTest {

    private static final int ROUNDS = Integer.getInteger("classify.fuzz.rounds", 1);
    private static final Pattern LITERALS = Pattern.compile("[\\p{IsHan}]+|[a-z]+(?: [a-z']+)*");
    private static final List<String> FILLER = List.of("的", "了", "我", "你", "吗", "，", "。", "！", " ", "  ", "\t",
            "\n", "\u0085", "\u3000", "1", "2", "3", "9", "0", "a", "x", "_", "é", "\u0301", "\uD83D\uDE00", "\uD83D",
            "\uDE00", "是", "不", "有", "被", "给", "转", "卡", "登", "没", "Ａ", "Ｂ", "１", "帳", "戶", "轉");

    @Test
    void randomTextOverTheShippedTaxonomy() {
        Taxonomy t = TaxonomyReader.read(Path.of("classifiers/wallet-support.yaml"));
        assertThat(compareOnRandomText(t, 40_000 * ROUNDS, 20261122L)).isEmpty();
    }

    @Test
    void randomTextOverPatternsOfOtherShapes() {
        Taxonomy t = TaxonomyReader.parse(Path.of("shapes.yaml"), """
                scoring: {minScore: 1, subjectWeight: 3}
                urgency: {立即: 1, 马上: 2, now: 1}
                categories:
                  a:
                    keywords:
                      zh: {充值: 2, 失败: 1, 退款: 2}
                      en: {top up: 2, refund: 1}
                    negative:
                      zh: {不是: 1}
                    patterns:
                      - {regex: "(充值|充|充值失)(失败|败)", weight: 1}
                      - {regex: "退.{0,2}钱", weight: 2}
                      - {regex: "退.{2,4}?钱", weight: 1.5}
                      - {regex: "(退|退款).*?(钱|款)", weight: 1}
                      - {regex: "[提取]现.{0,4}失败", weight: 3}
                      - {regex: ".{0,2}不是", weight: 0.5}
                      - {regex: "(?i)TOP ?UP.{0,5}FAIL", weight: 1}
                      - {regex: "(?s)充.{0,3}值", weight: 1}
                      - {regex: "卡(?=里)", weight: 1}
                      - {regex: "钱+没", weight: 1}
                      - {regex: "(钱|款){2}", weight: 1}
                      - {regex: "到(账|帐)?了?吗", weight: 1}
                  b:
                    keywords:
                      zh: {转账: 2, 没收到: 2}
                    patterns:
                      - {regex: "转(了|账)?.{0,3}(没|未)(有)?收到", weight: 2}
                      - {regex: "(转|转账).{1,3}(没|没收到)", weight: 1}
                      - {regex: "\\\\b(refund|top)\\\\b.{0,8}\\\\b(fail\\\\w*|late)", weight: 2}
                      - {regex: "(?<![a-z])up\\\\d+", weight: 1}
                      - {regex: "我.{0,2}没.{0,2}(收到|到账)", weight: 1}
                      - {regex: "(没|)收到", weight: 0.5}
                      - {regex: "收到(了)?$", weight: 0.5}
                      - {regex: "^我", weight: 0.5}
                      - {regex: "帳戶.{0,2}被盜", weight: 2}
                      - {regex: "[^a-z]ok", weight: 1}
                  other: {}
                """);
        assertThat(compareOnRandomText(t, 30_000 * ROUNDS, 7L)).isEmpty();
    }

    /**
     * A pattern with no literal prefix that matches empty at the very end of the folded text: the original engine
     * read the position of such a match one past its origin array, which is the dropped trailing space when there
     * is one, and fails when the folded text is as long as the field. Kept as it was (reported, not fixed here).
     */
    @Test
    void anEmptyMatchAtTheEndOfAFieldIsPlacedOrFailsAsInTheOriginal() {
        Taxonomy t = TaxonomyReader.parse(Path.of("end.yaml"), """
                categories:
                  a:
                    patterns:
                      - {regex: "吗?$", weight: 2}
                  other: {}
                """);
        KeywordClassifier engine = new KeywordClassifier(t);
        OriginalKeywordClassifier original = new OriginalKeywordClassifier(t);
        for (String text : List.of("好吗", "好 ", "好  \t", "吗")) {
            assertThat(GoldenClassifications.encode(engine.classify(null, text)))
                    .isEqualTo(GoldenClassifications.encode(original.classify(null, text)));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> original.classify(null, "好"))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.classify(null, "好"))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThat(engine.classify(null, "好吗").category()).as("the scratch is fine after a failure").isEqualTo("a");
    }

    @Test
    void banking77() throws Exception {
        Path train = Path.of(System.getProperty("shared.dir", "../shared"), "data", "banking77", "train.csv");
        Assumptions.assumeTrue(Files.isRegularFile(train), "../shared/data/banking77 absent: skipped");
        Taxonomy t = TaxonomyReader.read(Path.of("classifiers/wallet-support.yaml"));
        KeywordClassifier engine = new KeywordClassifier(t);
        OriginalKeywordClassifier original = new OriginalKeywordClassifier(t);
        List<String> differences = new ArrayList<>();
        for (Example e : LabelledExamples.readCsv(train)) {
            compare(engine, original, null, e.text(), differences);
            compare(engine, original, e.text().substring(0, Math.min(30, e.text().length())), e.text().toUpperCase(),
                    differences);
        }
        assertThat(differences).isEmpty();
    }

    private static List<String> compareOnRandomText(Taxonomy t, int count, long seed) {
        KeywordClassifier engine = new KeywordClassifier(t);
        OriginalKeywordClassifier original = new OriginalKeywordClassifier(t);
        List<String> pieces = pieces(t);
        Random random = new Random(seed);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < count && differences.size() < 10; i++) {
            String text = randomText(pieces, random, random.nextInt(40));
            String subject = random.nextInt(8) == 0 ? randomText(pieces, random, random.nextInt(10)) : null;
            compare(engine, original, subject, text, differences);
        }
        return differences;
    }

    private static void compare(KeywordClassifier engine, OriginalKeywordClassifier original, String subject,
            String text, List<String> differences) {
        String d = GoldenClassifications.difference(GoldenClassifications.encode(original.classify(subject, text)),
                GoldenClassifications.encode(engine.classify(subject, text)));
        if (d != null && differences.size() < 10) {
            differences.add("subject=" + escape(subject) + " text=" + escape(text) + ": " + d);
        }
    }

    /** Keywords, urgency signals and every Chinese run or English word group in the patterns' source. */
    private static List<String> pieces(Taxonomy t) {
        Set<String> pieces = new LinkedHashSet<>();
        for (Taxonomy.Category c : t.categories()) {
            pieces.addAll(c.keywords().keySet());
            pieces.addAll(c.negative().keySet());
            for (Taxonomy.WeightedPattern p : c.patterns()) {
                Matcher m = LITERALS.matcher(p.pattern().pattern());
                while (m.find()) {
                    String literal = m.group();
                    pieces.add(literal);
                    for (int k = 1; k < literal.length(); k++) {
                        pieces.add(literal.substring(0, k));
                        pieces.add(literal.substring(k));
                    }
                }
            }
        }
        pieces.addAll(t.urgency().keySet());
        return new ArrayList<>(pieces);
    }

    private static String randomText(List<String> pieces, Random random, int parts) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < parts; k++) {
            int r = random.nextInt(10);
            if (r < 4) {
                String piece = pieces.get(random.nextInt(pieces.size()));
                text.append(random.nextInt(12) == 0 ? piece.toUpperCase() : piece);
            } else {
                text.append(FILLER.get(random.nextInt(FILLER.size())));
            }
        }
        return text.toString();
    }

    private static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || Character.isSurrogate(c) || c == 0x85 ? String.format("\\u%04X", (int) c) : c);
        }
        return out.append('"').toString();
    }
}
