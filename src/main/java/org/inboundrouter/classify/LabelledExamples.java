package org.inboundrouter.classify;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled messages for evaluation: a CSV of {@code text,category} (RFC 4180 quoting, BANKING77's format; a header
 * row is skipped) with an optional third column {@code group} (messages that reword one question share it, see
 * {@code learn}), and an optional TSV mapping the data set's labels to taxonomy category ids.
 */
public final class LabelledExamples {

    /** @param group what the message is a rewording of, or null: each message is its own */
    public record Example(String text, String label, String group) {

        public Example(String text, String label) {
            this(text, label, null);
        }
    }

    private LabelledExamples() {
    }

    public static List<Example> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Example> examples = new ArrayList<>();
        try (MappingIterator<String[]> rows = mapper.readerForArrayOf(String.class)
                .readValues(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            int line = 0;
            while (rows.hasNext()) {
                String[] row = rows.next();
                line++;
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                if (row.length != 2 && row.length != 3) {
                    throw new IOException(file + ": row " + line + ": expected 2 fields (text,category) or 3 "
                            + "(text,category,group), found " + row.length);
                }
                if (line == 1 && row[0].equals("text") && row[1].equals("category")) {
                    continue;
                }
                examples.add(new Example(row[0], row[1].trim(),
                        row.length == 3 && !row[2].isBlank() ? row[2].trim() : null));
            }
        }
        return examples;
    }

    /** {@code label<TAB>category} per line; a first line naming the columns is skipped. */
    public static Map<String, String> readMap(Path file) throws IOException {
        Map<String, String> map = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.toLowerCase(java.util.Locale.ROOT).endsWith("\tcategory"))) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length != 2) {
                throw new IOException(file + ":" + (i + 1) + ": expected label<TAB>category");
            }
            map.put(parts[0].trim(), parts[1].trim());
        }
        return map;
    }
}
