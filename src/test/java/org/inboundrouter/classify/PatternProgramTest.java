package org.inboundrouter.classify;

import org.junit.jupiter.api.Test;

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
 * {@link PatternProgram} against java.util.regex, the definition of what a pattern means: on random strings over
 * each pattern's own pieces, at every start position, {@code matchAt} must end where {@code Matcher.lookingAt} (with
 * the classifier's transparent bounds) ends, and every required literal run must occur in any text the regex finds a
 * match in. Runs over every shipped pattern and over patterns of shapes the shipped file does not have.
 */
class PatternProgramTest {

    private static final int ROUNDS = Integer.getInteger("classify.fuzz.rounds", 1);

    /** Shapes beyond the shipped file's: quantifiers, classes, lookarounds, surrogates, optional groups. */
    private static final List<String> SHAPES = List.of(
            "退.{0,2}钱", "退.{2,4}钱", "a.*b", "a.+b", "a.?b", "(ab|a)(bc|c)?d", "(a|ab)(c|bcd)(d*)", "x\\d+y",
            "x\\s?\\d{2,3}", "\\w+@\\w+", "[提取]现.{0,4}失败", "[a-c]{2}[x-z]?", "(?<!是)不是", "(?<=a)b", "a(?=b)",
            "a(?!\\d)", "(?<!\\d)12(?!\\d)", "(?:ab|cd)?e", "((a|b)(c)?d|e)f", "转(了|账)?.{0,3}(没|未)(有)?收到",
            "a{0}b", "a{3}", "(ab)?(ab)?ab", ".{0,2}不是", "不.{0,1}", "\\.\\?", "a|b|", "(a||b)c", "(|a)(ab)?",
            "(a||ab)(bc)?", "(ab|a|)(b|bc)?c?", "(a||ab)(bc)?\\d", "(|x)y?\\d", "(ab)?\\w", "(ab|a)?\\d",
            "(xy)?.", "(充值)?\\d");

    @Test
    void shippedPatternsMatchLikeTheRegex() {
        Taxonomy t = TaxonomyReader.read(Path.of("classifiers/wallet-support.yaml"));
        List<Pattern> patterns = new ArrayList<>();
        t.categories().forEach(c -> c.patterns().forEach(p -> patterns.add(p.pattern())));
        assertThat(patterns).hasSize(45);
        for (Pattern p : patterns) {
            assertThat(PatternProgram.parse(p.pattern())).as(p.pattern()).isNotNull();
            compare(p, 3000 * ROUNDS, p.pattern().hashCode());
        }
    }

    @Test
    void otherShapesMatchLikeTheRegex() {
        for (String regex : SHAPES) {
            compare(Pattern.compile(regex), 4000 * ROUNDS, regex.hashCode());
        }
    }

    @Test
    void theShippedChinesePatternsNeedNoRegex() {
        Taxonomy t = TaxonomyReader.read(Path.of("classifiers/wallet-support.yaml"));
        List<String> left = new ArrayList<>();
        t.categories().forEach(c -> c.patterns().forEach(p -> {
            if (!PatternProgram.parse(p.pattern().pattern()).interpretable()) {
                left.add(p.pattern().pattern());
            }
        }));
        // only the English ones with \b (whose meaning depends on the JDK) are confirmed by the regex
        assertThat(left).allSatisfy(regex -> assertThat(regex).contains("\\b"));
    }

    @Test
    void findsTheLiteralRunsEveryMatchContains() {
        assertThat(PatternProgram.parse("(提现|取现).{0,8}(失败|慢)").requiredRuns())
                .containsExactly(Set.of("提现", "取现"), Set.of("失败", "慢"));
        assertThat(PatternProgram.parse("我(根本|都)?没(有)?(消费|买)过").requiredRuns()).hasSize(1)
                .first().satisfies(run -> assertThat(run).hasSize(12).contains("我没消费过", "我根本没有买过"));
        assertThat(PatternProgram.parse("\\b(cancel\\w*|stop)\\b.{0,20}\\b(orders?)\\b").requiredRuns())
                .containsExactly(Set.of("cancel", "stop"), Set.of("order", "orders"));
        assertThat(PatternProgram.parse("(?<!是)不是我的").requiredRuns()).containsExactly(Set.of("不是我的"));
        assertThat(PatternProgram.parse(".{0,2}退?").requiredRuns()).isEmpty();
        assertThat(PatternProgram.parse("退|钱").requiredRuns()).containsExactly(Set.of("退", "钱"));
        assertThat(PatternProgram.parse("退.{0,2}|钱").requiredRuns()).containsExactly(Set.of("退", "钱"));
        assertThat(PatternProgram.parse("(ab|c.)?d").requiredRuns()).containsExactly(Set.of("d"));
    }

    @Test
    void leavesWhatItDoesNotKnowToTheRegex() {
        assertThat(PatternProgram.parse("(?i)top up")).as("flags change what literals match").isNull();
        assertThat(PatternProgram.parse("\\p{IsHan}+")).isNull();
        assertThat(PatternProgram.parse("(a)\\1")).isNull();
        assertThat(PatternProgram.parse("a{2,1}")).isNull();
        assertThat(PatternProgram.parse("\\bpin\\b").interpretable()).isFalse();
        assertThat(PatternProgram.parse("a.*?b").interpretable()).isFalse();
        assertThat(PatternProgram.parse("(ab)+").interpretable()).isFalse();
        assertThat(PatternProgram.parse("[^a]b").interpretable()).isFalse();
        assertThat(PatternProgram.parse("^退款$").interpretable()).isFalse();
        assertThat(PatternProgram.parse("(a||ab)(bc)?\\d").interpretable()).as("an empty alternative before others")
                .isFalse();
    }

    /** Random strings over the pattern's own chars, some filler, line terminators and surrogates. */
    private static void compare(Pattern pattern, int count, long seed) {
        PatternProgram program = PatternProgram.parse(pattern.pattern());
        if (program == null) {
            return;
        }
        List<String> pieces = pieces(pattern.pattern());
        Random random = new Random(seed);
        for (int n = 0; n < count; n++) {
            StringBuilder b = new StringBuilder();
            int parts = random.nextInt(14);
            for (int k = 0; k < parts; k++) {
                b.append(pieces.get(random.nextInt(pieces.size())));
            }
            String text = b.toString();
            char[] chars = text.toCharArray();
            Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            if (program.interpretable()) {
                for (int begin = 0; begin <= text.length(); begin++) {
                    m.region(begin, text.length());
                    int expected = m.lookingAt() ? m.end() : -1;
                    assertThat(program.matchAt(chars, chars.length, begin))
                            .as("%s at %d of \"%s\"", pattern.pattern(), begin, text).isEqualTo(expected);
                }
            }
            if (pattern.matcher(text).find()) {
                for (Set<String> run : program.requiredRuns()) {
                    assertThat(run.stream().anyMatch(text::contains))
                            .as("%s matches \"%s\" without any of %s", pattern.pattern(), text, run).isTrue();
                }
            }
        }
    }

    private static List<String> pieces(String regex) {
        Set<String> pieces = new LinkedHashSet<>();
        for (char c : regex.toCharArray()) {
            if ("\\()[]{}|?*+.^$-,!=<:".indexOf(c) < 0) {
                pieces.add(String.valueOf(c));
            }
        }
        for (String word : regex.split("[^\\p{IsHan}a-z' ]+")) {
            if (!word.isEmpty()) {
                pieces.add(word);
            }
        }
        pieces.addAll(List.of(" ", "x", "1", "9", "\n", "\r", "\u0085", "\u2028", "\t", "\uD83D\uDE00", "\uD83D",
                "\uDE00", "_", "A", "是", "的"));
        return new ArrayList<>(pieces);
    }
}
