package org.inboundrouter.classify;

import org.inboundrouter.model.Priority;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A taxonomy as {@link KeywordClassifier} runs it: every term it looks for in one {@link TermAutomaton}, and for each
 * place the automaton reports, what to do there, laid out for a scan that mostly waits on memory.
 * <p>
 * The terms are the folded keywords, negative keywords and urgency signals, each pattern's literal prefixes (its
 * triggers, from {@link RegexPrefixes}) and the literal runs its matches must contain ({@link PatternProgram}). The
 * meanings of one term are kept in the order the original engine listed them (category by category: keywords,
 * negative keywords, triggers; urgency signals last), and the terms ending at one position are reported in
 * descending order as hankcs' automaton did: together these fix the order of the result's matches. Immutable.
 */
final class CompiledTaxonomy {

    /** What a term does, in the low bit of an action; the rest is the index of the meaning or of the pattern. */
    static final int KEYWORD = 0;
    static final int TRIGGER = 1;
    /**
     * An output with one action and no literal runs is reported as {@code ~(action << LENGTH_BITS | term length)}
     * instead of an offset into {@link #outputData}: most outputs are one keyword or one trigger, and reading their
     * data was one more cache miss per hit (measured 3-4% of a classification).
     */
    static final int LENGTH_BITS = 10;
    static final int LENGTH_MASK = (1 << LENGTH_BITS) - 1;
    /** Which edges of a keyword need a word boundary ({@link #edges}). */
    static final byte LEFT = 1;
    static final byte RIGHT = 2;

    /** One meaning of a folded term: a keyword (or negative keyword) of one category, or an urgency signal (-1). */
    record Hit(String term, int category, double weight, int urgency) {
    }

    /** @param program null when the regex's syntax is not known to {@link PatternProgram} */
    record CompiledPattern(int category, Pattern pattern, double weight, PatternProgram program) {

        boolean interpretable() {
            return program != null && program.interpretable();
        }
    }

    final Taxonomy taxonomy;
    final String[] ids;
    final Priority[] priorities;
    final int otherIndex;
    final double subjectWeight;
    final double minScore;
    final Hit[] hits;
    /** {@link #LEFT} and {@link #RIGHT} per meaning: apart from the hits, as the scan only needs these. */
    final byte[] edges;
    final CompiledPattern[] patterns;
    /** The patterns with no literal prefix, searched in every field where their runs occur. */
    final int[] searched;
    final TermAutomaton automaton;
    /**
     * What to do where the automaton reports an output; it reports the offset of that output's data here (or the
     * action itself, see {@link #LENGTH_BITS}):
     * {@code [m, actions, m ints: the literal runs its terms are part of (a run set as pairs of ints), (action,
     * term length) x actions]}, m being 0 when they are part of none, actions in order. One place per output:
     * reading it is one cache miss, not one per array.
     */
    final int[] outputData;
    /** Literal runs are one bit each, {@link #runWords} longs per set; pattern p needs the set at p * runWords. */
    final int runWords;
    final long[] patternRuns;
    /** Per pattern: the most chars a match spans ({@link PatternProgram#maxLength()}), MAX_VALUE when unknown. */
    final int[] reach;

    CompiledTaxonomy(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        List<Taxonomy.Category> categories = taxonomy.categories();
        ids = new String[categories.size()];
        priorities = new Priority[categories.size()];
        subjectWeight = taxonomy.scoring().subjectWeight();
        minScore = taxonomy.scoring().minScore();
        Map<String, List<Integer>> byTerm = new TreeMap<>();
        List<Hit> hitList = new ArrayList<>();
        List<Byte> edgeList = new ArrayList<>();
        List<CompiledPattern> patternList = new ArrayList<>();
        List<Set<String>> triggerSets = new ArrayList<>();
        List<Integer> searchedList = new ArrayList<>();
        int other = -1;
        for (int i = 0; i < categories.size(); i++) {
            Taxonomy.Category c = categories.get(i);
            ids[i] = c.id();
            priorities[i] = c.priority();
            if (c.id().equals(Classification.OTHER)) {
                other = i;
            }
            for (Map.Entry<String, Double> k : c.keywords().entrySet()) {
                addHit(byTerm, hitList, edgeList, k.getKey(), i, k.getValue(), 0);
            }
            for (Map.Entry<String, Double> k : c.negative().entrySet()) {
                addHit(byTerm, hitList, edgeList, k.getKey(), i, -k.getValue(), 0);
            }
            for (Taxonomy.WeightedPattern p : c.patterns()) {
                Set<String> prefixes = RegexPrefixes.of(p.pattern().pattern());
                PatternProgram program = p.pattern().flags() == 0 ? PatternProgram.parse(p.pattern().pattern()) : null;
                int index = patternList.size();
                patternList.add(new CompiledPattern(i, p.pattern(), p.weight(), program));
                triggerSets.add(prefixes == null ? Set.of() : prefixes);
                if (prefixes == null) {
                    searchedList.add(index);
                    continue;
                }
                for (String prefix : prefixes) {
                    byTerm.computeIfAbsent(prefix, t -> new ArrayList<>()).add(index << 1 | TRIGGER);
                }
            }
        }
        for (Map.Entry<String, Integer> u : taxonomy.urgency().entrySet()) {
            addHit(byTerm, hitList, edgeList, u.getKey(), -1, 0, u.getValue());
        }
        otherIndex = other;
        hits = hitList.toArray(new Hit[0]);
        edges = new byte[edgeList.size()];
        for (int h = 0; h < edges.length; h++) {
            edges[h] = edgeList.get(h);
        }
        patterns = patternList.toArray(new CompiledPattern[0]);
        searched = searchedList.stream().mapToInt(Integer::intValue).toArray();

        // the literal runs, one bit each; a run that is the pattern's trigger set is left out, since the pattern is
        // only tried where a trigger occurs
        Map<String, BitSet> runsOfTerm = new TreeMap<>();
        List<BitSet> runsOfPattern = new ArrayList<>();
        int runCount = 0;
        for (int p = 0; p < patterns.length; p++) {
            BitSet needs = new BitSet();
            runsOfPattern.add(needs);
            PatternProgram program = patterns[p].program();
            for (Set<String> run : program == null ? List.<Set<String>>of() : program.requiredRuns()) {
                if (run.equals(triggerSets.get(p))) {
                    continue;
                }
                needs.set(runCount);
                for (String literal : run) {
                    runsOfTerm.computeIfAbsent(literal, t -> new BitSet()).set(runCount);
                    byTerm.computeIfAbsent(literal, t -> new ArrayList<>());
                }
                runCount++;
            }
        }
        reach = new int[patterns.length];
        for (int p = 0; p < patterns.length; p++) {
            boolean near = patterns[p].interpretable() && !runsOfPattern.get(p).isEmpty();
            reach[p] = near ? patterns[p].program().maxLength() : Integer.MAX_VALUE;
        }
        runWords = (runCount + 63) / 64;
        patternRuns = new long[patterns.length * runWords];
        for (int p = 0; p < patterns.length; p++) {
            long[] words = runsOfPattern.get(p).toLongArray();
            System.arraycopy(words, 0, patternRuns, p * runWords, words.length);
        }

        List<String> terms = new ArrayList<>(byTerm.keySet());
        automaton = new TermAutomaton(terms, (a, b) -> terms.get(b).compareTo(terms.get(a)));
        int[] offsets = new int[automaton.outputCount()];
        List<Integer> data = new ArrayList<>();
        for (int o = 0; o < offsets.length; o++) {
            offsets[o] = data.size();
            BitSet runs = new BitSet();
            List<Integer> actions = new ArrayList<>();
            for (int k = automaton.termsFrom(o); k < automaton.termsTo(o); k++) {
                String term = terms.get(automaton.terms()[k]);
                for (int action : byTerm.get(term)) {
                    actions.add(action);
                    actions.add(term.length());
                }
                runs.or(runsOfTerm.getOrDefault(term, new BitSet()));
            }
            data.add(runs.isEmpty() ? 0 : 2 * runWords);
            data.add(actions.size() / 2);
            if (!runs.isEmpty()) {
                for (long w : Arrays.copyOf(runs.toLongArray(), runWords)) {
                    data.add((int) (w >>> 32));
                    data.add((int) w);
                }
            }
            data.addAll(actions);
        }
        outputData = data.stream().mapToInt(Integer::intValue).toArray();
        for (int o = 0; o < offsets.length; o++) {
            int at = offsets[o];
            int action = outputData[at + 2];
            boolean single = outputData[at] == 0 && outputData[at + 1] == 1;
            if (single && outputData[at + 3] <= LENGTH_MASK && action < 1 << (31 - LENGTH_BITS)) {
                offsets[o] = ~(action << LENGTH_BITS | outputData[at + 3]);
            }
        }
        automaton.relabelOutputs(offsets);
    }

    private static void addHit(Map<String, List<Integer>> byTerm, List<Hit> hitList, List<Byte> edgeList, String term,
            int category, double weight, int urgency) {
        String folded = TextNormalizer.normalize(term);
        boolean left = wordClass(folded.charAt(0)) != 0;
        boolean right = wordClass(folded.charAt(folded.length() - 1)) != 0;
        byTerm.computeIfAbsent(folded, t -> new ArrayList<>()).add(hitList.size() << 1 | KEYWORD);
        hitList.add(new Hit(term, category, weight, urgency));
        edgeList.add((byte) ((left ? LEFT : 0) | (right ? RIGHT : 0)));
    }

    /** 1 for an ASCII letter, 2 for an ASCII digit, 0 otherwise: a keyword edge of class 1 or 2 needs a boundary. */
    static int wordClass(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return 1;
        }
        return c >= '0' && c <= '9' ? 2 : 0;
    }

    /** Whether pattern p's literal runs all occur, given the runs seen in a field. */
    boolean runsOccur(int p, long[] seen) {
        for (int w = 0, at = p * runWords; w < runWords; w++, at++) {
            if ((seen[w] & patternRuns[at]) != patternRuns[at]) {
                return false;
            }
        }
        return true;
    }
}
