package org.inboundrouter.api;

import org.inboundrouter.classify.LabelledExamples;
import org.inboundrouter.classify.LabelledExamples.Example;
import org.inboundrouter.store.Corrections.Correction;
import org.inboundrouter.store.Corrections.LabelledCorrection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV export is eval's format: what LabelledExamples.readCsv reads back, field for field. */
class CorrectionsCsvTest {

    @TempDir
    Path dir;

    private static LabelledCorrection row(long id, String messageId, String category, String subject, String text) {
        return new LabelledCorrection(new Correction(id, id, messageId, "other", category,
                Instant.parse("2026-05-03T08:00:00Z"), "api", "api"), subject, text);
    }

    private List<Example> readBack(byte[] csv) throws Exception {
        return LabelledExamples.readCsv(Files.write(dir.resolve("export.csv"), csv));
    }

    @Test
    void quotesCommasLineBreaksAndSpacesSurviveTheRoundTrip() throws Exception {
        List<LabelledCorrection> rows = List.of(
                row(1, "m1", "refund", null, "退款，\"急\"，订单号 1,234"),
                row(2, "m2", "topup", "充值失败", "第一行\r\n第二行\n第三行"),
                row(3, "m3", "withdrawal", "", "  提现  "),
                row(4, "m4", "other", "text", "category"));

        byte[] csv = CorrectionsCsv.write(rows);

        String written = new String(csv, StandardCharsets.UTF_8);
        assertThat(written).startsWith("text,category\r\n\"退款，\"\"急\"\"，订单号 1,234\",refund\r\n");
        assertThat(csv[0]).as("no byte-order mark").isEqualTo((byte) 't');
        assertThat(readBack(csv)).containsExactly(
                new Example("退款，\"急\"，订单号 1,234", "refund"),
                new Example("充值失败\n第一行\r\n第二行\n第三行", "topup"),
                new Example("提现", "withdrawal"),
                new Example("text\ncategory", "other"));
    }

    @Test
    void theSubjectLeadsOnALineOfItsOwnAndEitherStandsAlone() {
        assertThat(CorrectionsCsv.exampleText("充值失败，请尽快处理", "交易号20240503123456"))
                .isEqualTo("充值失败，请尽快处理\n交易号20240503123456");
        assertThat(CorrectionsCsv.exampleText(null, " 只有正文 ")).isEqualTo("只有正文");
        assertThat(CorrectionsCsv.exampleText("只有标题", "  ")).isEqualTo("只有标题");
    }

    @Test
    void aMessageCorrectedTwiceIsOneExampleWithItsLastLabelAndEmptyOnesAreLeftOut() throws Exception {
        byte[] csv = CorrectionsCsv.write(List.of(
                row(1, "m1", "refund", null, "退款还没到"),
                row(2, "m2", "topup", null, "充值失败"),
                row(3, "m1", "withdrawal", null, "退款还没到"),
                row(4, "m3", "other", null, "  "),
                row(5, null, "other", null, null)));

        assertThat(readBack(csv)).containsExactly(new Example("充值失败", "topup"),
                new Example("退款还没到", "withdrawal"));
        assertThat(readBack(CorrectionsCsv.write(List.of()))).isEmpty();
    }
}
