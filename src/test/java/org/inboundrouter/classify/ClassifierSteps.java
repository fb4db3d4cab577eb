package org.inboundrouter.classify;

import java.util.function.BiFunction;

/**
 * Test-side access to the classifier's steps for the diagnostics benchmark (org.inboundrouter.bench.
 * ClassifierCostBreakdown), whose package cannot see them: the fold + automaton pass alone, and the frozen original
 * engine ({@link OriginalKeywordClassifier}) to compare with in the same run. Not thread-safe (one scratch field).
 */
public final class ClassifierSteps {

    private final CompiledTaxonomy compiled;
    private final TermAutomaton.Field field = new TermAutomaton.Field();

    public ClassifierSteps(Taxonomy taxonomy) {
        compiled = new CompiledTaxonomy(taxonomy);
    }

    /** Folds the text and runs the automaton over it; returns how many times terms ended. */
    public int scan(String text) {
        compiled.automaton.scan(text, field);
        return field.eventCount / 2;
    }

    /** The engine as it was before the rewrite (hankcs automaton, java.util.regex anchored at prefixes). */
    public static BiFunction<String, String, Classification> original(Taxonomy taxonomy) {
        return new OriginalKeywordClassifier(taxonomy)::classify;
    }
}
