package org.inboundrouter.classify;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.inboundrouter.classify.entity.Entities;
import org.inboundrouter.classify.entity.EntityExtractor;
import org.inboundrouter.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;

/** {@code inbound-router classify "text"}: the classification of one message, as JSON. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify one message and print the result as JSON (text from the argument or stdin).")
public final class ClassifyCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The message text; read from stdin when absent.")
    String text;

    @Option(names = "--subject", description = "The message's subject, weighted higher.")
    String subject;

    @Mixin
    TaxonomyOption taxonomy;

    @Override
    public Integer call() throws IOException {
        Optional<KeywordClassifier> loaded = taxonomy.load();
        if (loaded.isEmpty()) {
            return 2;
        }
        KeywordClassifier classifier = loaded.get();
        String body = text != null ? text : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        Result result = new Result(classifier.classify(subject, body),
                new EntityExtractor().extract(body, ZonedDateTime.now()));
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        return 0;
    }

    /** The classification with the details found in the text, as the pipeline stores them. */
    record Result(@JsonUnwrapped Classification classification, Entities entities) {
    }
}
