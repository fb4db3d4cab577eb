package org.inboundrouter.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.inboundrouter.classify.Classification.CategoryScore;
import org.inboundrouter.classify.Classification.KeywordMatch;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes {@value #GOLDEN}: what the ORIGINAL engine ({@link OriginalKeywordClassifier}, frozen) says of every
 * {@link GoldenMessages} input with the shipped taxonomy, one JSON object per line after a header line with the
 * taxonomy's hash. {@link ClassifierEquivalenceTest} holds the real engine to it.
 * <p>
 * Regenerate only when the taxonomy file or the inputs change, from the project root, after a test-compile:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) \
 *     org.inboundrouter.classify.GoldenClassifications
 * </pre>
 * It always uses the frozen original engine, never {@link KeywordClassifier}, so regenerating cannot hide a change
 * of behaviour of the engine under test.
 */
public final class GoldenClassifications {

    static final String GOLDEN = "src/test/resources/classify/golden-classifications.jsonl";
    static final String TAXONOMY = "classifiers/wallet-support.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenClassifications() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : GOLDEN);
        OriginalKeywordClassifier original = new OriginalKeywordClassifier(TaxonomyReader.read(Path.of(TAXONOMY)));
        int lines = 0;
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            ObjectNode header = JSON.createObjectNode();
            header.put("taxonomy", TAXONOMY);
            header.put("sha256", taxonomySha256());
            header.put("engine", OriginalKeywordClassifier.class.getSimpleName());
            w.write(JSON.writeValueAsString(header) + "\n");
            for (GoldenMessages.Input in : GoldenMessages.all()) {
                ObjectNode line = JSON.createObjectNode();
                line.put("subject", in.subject());
                line.put("text", in.text());
                line.set("result", encode(original.classify(in.subject(), in.text())));
                w.write(escapeSurrogates(JSON.writeValueAsString(line)) + "\n");
                lines++;
            }
        }
        System.out.println("wrote " + lines + " classifications to " + out);
    }

    /** Surrogates as {@code \\uXXXX}: some inputs hold a lone one on purpose, which UTF-8 cannot encode. */
    private static String escapeSurrogates(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (char c : json.toCharArray()) {
            if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String taxonomySha256() throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(Path.of(TAXONOMY))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything a caller can see of a classification, in order; numbers as doubles (compared within 1e-9). */
    static ObjectNode encode(Classification c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("category", c.category());
        ArrayNode categories = node.putArray("categories");
        c.categories().forEach(categories::add);
        node.put("priority", c.priority().name());
        node.put("confidence", c.confidence());
        ArrayNode scores = node.putArray("scores");
        for (CategoryScore s : c.scores()) {
            scores.addArray().add(s.category()).add(s.score());
        }
        ArrayNode matches = node.putArray("matches");
        for (KeywordMatch m : c.matches()) {
            matches.addArray().add(m.kind()).add(m.term()).add(m.category()).add(m.field()).add(m.start())
                    .add(m.end()).add(m.weight());
        }
        return node;
    }

    /** Null when {@code actual} equals {@code expected} (doubles within 1e-9), else where they first differ. */
    static String difference(JsonNode expected, JsonNode actual) {
        return difference("", expected, actual);
    }

    private static String difference(String path, JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return Math.abs(expected.asDouble() - actual.asDouble()) <= 1e-9 ? null
                    : path + ": expected " + expected + " but was " + actual;
        }
        if (expected.isContainerNode() && actual.isContainerNode() && expected.size() == actual.size()
                && expected.getNodeType() == actual.getNodeType()) {
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) {
                    String d = difference(path + "[" + i + "]", expected.get(i), actual.get(i));
                    if (d != null) {
                        return d;
                    }
                }
                return null;
            }
            for (var it = expected.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!actual.has(name)) {
                    return path + "." + name + ": missing";
                }
                String d = difference(path + "." + name, expected.get(name), actual.get(name));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : path + ": expected " + expected + " but was " + actual;
    }

    static ObjectMapper json() {
        return JSON;
    }
}
