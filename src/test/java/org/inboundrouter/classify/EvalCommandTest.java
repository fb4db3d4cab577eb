package org.inboundrouter.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsPerCategoryFiguresAConfusionMatrixAndTheSummaryLineLast() throws Exception {
        Files.writeString(dir.resolve("t.yaml"), """
                categories:
                  refund: {keywords: {en: {refund: 3}}}
                  topup: {keywords: {en: {top up: 3}}}
                  other: {}
                """);
        Files.writeString(dir.resolve("data.csv"), """
                text,category
                "I want a refund, please",request_refund
                "How do I top up?",top_up
                "Refund \"\"now\"\"",request_refund
                "Where is my card?",card_arrival
                """);
        Files.writeString(dir.resolve("map.tsv"), "intent\tcategory\nrequest_refund\trefund\ntop_up\ttopup\n"
                + "card_arrival\ttopup\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new EvalCommand()).execute("--data", dir.resolve("data.csv").toString(),
                    "--map", dir.resolve("map.tsv").toString(), "--taxonomy", dir.resolve("t.yaml").toString());
        } finally {
            System.setOut(previous);
        }
        assertThat(code).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        // topup: 1 of 2 right (the card question is "other"); refund: 2 of 2
        assertThat(lines.get(lines.size() - 1)).isEqualTo("accuracy=0.750 macro_f1=0.833 n=4");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("refund").contains("1.000"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("confusion matrix"));
    }
    @Test
    void printsTheMainConfusionsAndSeparateAccuraciesForOtherAndTheRest() throws Exception {
        Files.writeString(dir.resolve("t.yaml"), """
                categories:
                  refund: {keywords: {en: {refund: 3}}}
                  topup: {keywords: {en: {top up: 3}}}
                  other: {keywords: {en: {loan: 3}}}
                """);
        Files.writeString(dir.resolve("data.csv"), """
                text,category
                "I want a refund",refund
                "refund the top up",topup
                "refund my top up",topup
                "How do I top up?",topup
                "my loan repayment",other
                "hello",other
                "a refund of the loan fee",other
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new EvalCommand()).execute("--data", dir.resolve("data.csv").toString(),
                    "--taxonomy", dir.resolve("t.yaml").toString());
        } finally {
            System.setOut(previous);
        }
        assertThat(code).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        // refund and top up tie at 3: refund, listed first, wins; loan (other) ties with refund: refund again
        assertThat(lines).contains("main confusions (expected -> predicted): topup -> refund 2, other -> refund 1");
        assertThat(lines).contains("non-other messages: accuracy 0.500; other messages (no false alarm): "
                + "accuracy 0.667");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("other").contains("1.000").contains("0.667"));
        assertThat(lines.get(lines.size() - 1)).startsWith("accuracy=0.571 ").endsWith(" n=7");
    }
}
