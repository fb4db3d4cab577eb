package org.inboundrouter.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The classifier's Aho-Corasick automaton: every term, found in one pass that also folds the text. Written for this
 * job because the general-purpose library (hankcs' double-array trie) spent about 1 µs per ~100-char message on the
 * shipped taxonomy, and the same library over a dense alphabet only 18% less:
 * <ul>
 *   <li>a dense alphabet: the ~600 chars the terms use get class ids 1..n (the char in most terms first), every
 *   other char class 0, and one table lookup per char gives both the folded char and its class;</li>
 *   <li>a DFA, not goto plus failure links: a state's transitions that differ from the root's (its own edges and
 *   those it inherits through its failure links, a handful) are stored, and every other char goes where it goes
 *   from the root. Those exceptions of all states are packed into one array of (owner, target) cells at
 *   base + class, as in a double-array trie; a state is its base. For the shipped taxonomy that is about 50,000
 *   cells (0.4 MB) against 14 MB for a full table, at the same speed (2.42 against 2.38 million passes a second
 *   over pre-folded messages, 2.3 times hankcs);</li>
 *   <li>the owner check is a branch, not a select: the processor guesses it and reads the next cell before this
 *   one has arrived. A branch-free version waited on every read and was 15 to 30% slower; interleaving two walks
 *   over the two halves of a text was slower too;</li>
 *   <li>no callback per hit: where terms end is written to an int array for the caller.</li>
 * </ul>
 * Immutable once built; the per-call state lives in a {@link Field}.
 */
final class TermAutomaton {

    private static final int OUTPUT = 0x80000000;
    private static final long NO_OWNER = -1L << 32;

    /** Per char of the input: its folded form (high 16 bits) and the class of that (low 16 bits). */
    private final int[] foldAndClass = new int[Character.MAX_VALUE + 1];
    private final int spaceClass;
    /** Cell at base + class: owner base (high 32 bits), target base with {@link #OUTPUT} (low 32 bits). */
    private final long[] cells;
    /** The target from the root, and for any other state on a class it has no cell for. */
    private final int[] root;
    /** For a state with output, by base: the index of its output (or the caller's label, see relabelOutputs). */
    private final int[] outputOfBase;
    /** Output o holds the terms {@code outputTerms[outputStart[o] .. outputStart[o + 1])}. */
    private final int[] outputStart;
    private final int[] outputTerms;

    /**
     * @param terms        the strings to find, matched exactly against the folded text; ids are list indexes
     * @param outputOrder  sorts the terms ending at one position: the order {@link #terms} gives them in
     */
    TermAutomaton(List<String> terms, Comparator<Integer> outputOrder) {
        char[] classOf = classesByUse(terms);
        int classes = 1;
        for (char c : classOf) {
            classes = Math.max(classes, c + 1);
        }
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char folded = TextNormalizer.fold((char) c);
            foldAndClass[c] = folded << 16 | classOf[folded];
        }
        spaceClass = classOf[' '];
        Trie trie = new Trie(terms, classOf, classes);
        int states = trie.size();
        int[][] exceptions = trie.exceptions();
        int[] base = place(exceptions);
        int length = 0;
        for (int s = 0; s < states; s++) {
            length = Math.max(length, base[s] + classes);
        }
        cells = new long[length];
        Arrays.fill(cells, NO_OWNER);
        outputOfBase = new int[length];
        Arrays.fill(outputOfBase, -1);
        List<int[]> outputs = new ArrayList<>();
        for (int s = 0; s < states; s++) {
            int[] out = trie.outputs(s);
            if (out.length > 0) {
                Integer[] sorted = Arrays.stream(out).boxed().sorted(outputOrder).toArray(Integer[]::new);
                outputOfBase[base[s]] = outputs.size();
                outputs.add(Arrays.stream(sorted).mapToInt(Integer::intValue).toArray());
            }
        }
        for (int s = 0; s < states; s++) {
            int[] e = exceptions[s];
            for (int k = 0; k < e.length; k += 2) {
                cells[base[s] + e[k]] = (long) base[s] << 32 | (target(trie, base, e[k + 1]) & 0xFFFFFFFFL);
            }
        }
        root = new int[classes];
        for (int c = 0; c < classes; c++) {
            root[c] = target(trie, base, trie.rootTarget(c));
        }
        outputStart = new int[outputs.size() + 1];
        int total = 0;
        for (int o = 0; o < outputs.size(); o++) {
            outputStart[o] = total;
            total += outputs.get(o).length;
        }
        outputStart[outputs.size()] = total;
        outputTerms = new int[total];
        for (int o = 0; o < outputs.size(); o++) {
            System.arraycopy(outputs.get(o), 0, outputTerms, outputStart[o], outputs.get(o).length);
        }
    }

    /**
     * Class ids 1..n for the chars the terms use, the char in most terms first. A state's cell for char c is at its
     * base + class, so with the common chars on small classes the cells a text reads from one state lie close
     * together, in fewer cache lines (the pass is bound by waiting for those reads): 671 to 628 ns per message for
     * the pass over the benchmark's messages, against class ids in the order the chars first appear.
     */
    private static char[] classesByUse(List<String> terms) {
        int[] uses = new int[Character.MAX_VALUE + 1];
        for (String term : terms) {
            term.chars().distinct().forEach(c -> uses[c]++);
        }
        Integer[] used = java.util.stream.IntStream.rangeClosed(0, Character.MAX_VALUE).filter(c -> uses[c] > 0)
                .boxed().sorted((a, b) -> uses[a] != uses[b] ? Integer.compare(uses[b], uses[a]) : Integer.compare(a, b))
                .toArray(Integer[]::new);
        if (used.length >= Character.MAX_VALUE) {
            throw new IllegalArgumentException("the terms use more distinct chars than classes can hold");
        }
        char[] classOf = new char[Character.MAX_VALUE + 1];
        for (int k = 0; k < used.length; k++) {
            classOf[used[k]] = (char) (k + 1);
        }
        return classOf;
    }

    private static int target(Trie trie, int[] base, int state) {
        return base[state] | (trie.outputs(state).length > 0 ? OUTPUT : 0);
    }

    /**
     * First-fit placement of each state's cells, in breadth-first order; every state gets its own base, so that a
     * cell's owner identifies one state. The root keeps base 0 and no cells. Breadth-first puts the shallow states,
     * where a text spends most of its chars, at the lowest bases, close together: the pass over the benchmark's
     * messages took 593 instead of 688 ns (largest sets first packed 3.6% tighter, 49,024 against 50,878 cells, but
     * scattered the hot states). Candidate bases are tested 64 at a time on bitmaps of the used cells and bases,
     * which keeps the exact first fit (a dense array) fast to build.
     */
    private static int[] place(int[][] exceptions) {
        int states = exceptions.length;
        Integer[] order = new Integer[states - 1];
        for (int s = 1; s < states; s++) {
            order[s - 1] = s;
        }
        Bitmap used = new Bitmap();
        Bitmap bases = new Bitmap();
        bases.set(0);
        int[] base = new int[states];
        int firstWord = 0;
        for (int s : order) {
            int[] e = exceptions[s];
            int b = -1;
            for (int w = firstWord; b < 0; w++) {
                long free = ~bases.bits(w << 6);
                for (int k = 0; k < e.length && free != 0; k += 2) {
                    free &= ~used.bits((w << 6) + e[k]);
                }
                if (free != 0) {
                    b = (w << 6) + Long.numberOfTrailingZeros(free);
                }
            }
            base[s] = b;
            bases.set(b);
            for (int k = 0; k < e.length; k += 2) {
                used.set(b + e[k]);
            }
            while (used.full(firstWord) && bases.full(firstWord)) {
                firstWord++;
            }
        }
        return base;
    }

    /** A growable bitmap that reads 64 bits from any offset (unset beyond its end). */
    private static final class Bitmap {
        private long[] words = new long[64];

        void set(int bit) {
            int w = bit >>> 6;
            if (w >= words.length) {
                words = Arrays.copyOf(words, Math.max(2 * words.length, w + 1));
            }
            words[w] |= 1L << bit;
        }

        /** Bits {@code from .. from + 63}, bit 0 of the result being {@code from}. */
        long bits(int from) {
            int w = from >>> 6;
            int shift = from & 63;
            long low = w < words.length ? words[w] >>> shift : 0;
            long high = shift == 0 || w + 1 >= words.length ? 0 : words[w + 1] << (64 - shift);
            return low | high;
        }

        boolean full(int word) {
            return word < words.length && words[word] == -1L;
        }
    }

    /**
     * From now on, records {@code label[o]} instead of o for output o: the caller's own index of what to do there
     * (so that its data for one output can be read without another lookup).
     */
    void relabelOutputs(int[] label) {
        for (int b = 0; b < outputOfBase.length; b++) {
            if (outputOfBase[b] >= 0) {
                outputOfBase[b] = label[outputOfBase[b]];
            }
        }
    }

    /** The terms ending where output {@code o} was recorded, as {@code [from, to)} into {@link #terms()}. */
    int termsFrom(int o) {
        return outputStart[o];
    }

    int termsTo(int o) {
        return outputStart[o + 1];
    }

    int[] terms() {
        return outputTerms;
    }

    int outputCount() {
        return outputStart.length - 1;
    }

    int cellCount() {
        return cells.length;
    }

    /**
     * Folds {@code text} into {@code field} exactly as {@link TextNormalizer#normalize(CharSequence, int[])} does
     * (same chars; runs of white space to one space; no leading or trailing space; origin of each folded char) and
     * records in {@code field.events} each (output, end) where terms end. A space is fed to the automaton only once
     * a non-space follows it, so that a trailing one, which folding drops, is never matched.
     */
    void scan(String text, Field field) {
        int n = text.length();
        field.ensure(n);
        char[] raw = field.raw;
        text.getChars(0, n, raw, 0);
        char[] folded = field.folded;
        int[] origin = field.origin;
        int[] events = field.events;
        int[] foldAndClass = this.foldAndClass;
        long[] cells = this.cells;
        int[] root = this.root;
        int length = 0;
        int event = 0;
        int s = 0;
        boolean afterSpace = true;
        for (int i = 0; i < n; i++) {
            int fc = foldAndClass[raw[i]];
            char f = (char) (fc >>> 16);
            if (f == ' ') {
                if (!afterSpace) {
                    afterSpace = true;
                    folded[length] = ' ';
                    origin[length++] = i;
                }
                continue;
            }
            if (afterSpace && length > 0) {
                int c = spaceClass;
                long cell = cells[s + c];
                int t = (int) (cell >>> 32) == s ? (int) cell : root[c];
                if (t < 0) {
                    t &= ~OUTPUT;
                    events[event++] = outputOfBase[t];
                    events[event++] = length;
                }
                s = t;
            }
            afterSpace = false;
            folded[length] = f;
            origin[length++] = i;
            int c = fc & 0xFFFF;
            long cell = cells[s + c];
            int t = (int) (cell >>> 32) == s ? (int) cell : root[c];
            if (t < 0) {
                t &= ~OUTPUT;
                events[event++] = outputOfBase[t];
                events[event++] = length;
            }
            s = t;
        }
        if (afterSpace && length > 0) {
            length--;
            field.trailingSpace = origin[length];
        } else {
            field.trailingSpace = 0;
        }
        field.length = length;
        field.eventCount = event;
    }

    /** A field's folded text, the origin of each folded char, and where terms end: reused, one per thread. */
    static final class Field {
        char[] raw = new char[0];
        char[] folded = new char[0];
        int[] origin = new int[0];
        /** Pairs (output or its label, end): terms of that output end at that folded position (exclusive). */
        int[] events = new int[0];
        int length;
        int eventCount;
        /** The index of the trailing white space folding dropped, else 0 (the original engine's origin[length]). */
        int trailingSpace;

        void ensure(int n) {
            if (raw.length < n) {
                int size = Math.max(n, 256);
                raw = new char[size];
                folded = new char[size];
                origin = new int[size];
                events = new int[2 * size + 2];
            }
        }

        /** Drops buffers grown for an unusually long text, so that a thread does not keep them. */
        void trim(int keep) {
            if (raw.length > keep) {
                raw = new char[0];
                folded = new char[0];
                origin = new int[0];
                events = new int[0];
            }
        }
    }

    /** The goto trie with failure links and merged outputs; only used while building. */
    private static final class Trie {
        private final List<int[]> children = new ArrayList<>(); // per state: sorted (class, child) pairs
        private final List<int[]> outputs = new ArrayList<>();
        private int[] fail;
        private final int classes;

        Trie(List<String> terms, char[] classOf, int classes) {
            this.classes = classes;
            List<TreeMap<Integer, Integer>> edges = new ArrayList<>();
            List<List<Integer>> own = new ArrayList<>();
            edges.add(new TreeMap<>());
            own.add(new ArrayList<>());
            for (int id = 0; id < terms.size(); id++) {
                String term = terms.get(id);
                int s = 0;
                for (int k = 0; k < term.length(); k++) {
                    int c = classOf[term.charAt(k)];
                    Integer next = edges.get(s).get(c);
                    if (next == null) {
                        next = edges.size();
                        edges.add(new TreeMap<>());
                        own.add(new ArrayList<>());
                        edges.get(s).put(c, next);
                    }
                    s = next;
                }
                own.get(s).add(id);
            }
            // renumber breadth first, so that a state's failure target always comes before it
            int n = edges.size();
            int[] order = new int[n];
            int[] id = new int[n];
            int head = 0;
            int tail = 1;
            while (head < tail) {
                int s = order[head++];
                for (int child : edges.get(s).values()) {
                    order[tail++] = child;
                }
            }
            for (int k = 0; k < n; k++) {
                id[order[k]] = k;
            }
            fail = new int[n];
            for (int k = 0; k < n; k++) {
                TreeMap<Integer, Integer> e = edges.get(order[k]);
                int[] pairs = new int[2 * e.size()];
                int p = 0;
                for (var entry : e.entrySet()) {
                    pairs[p++] = entry.getKey();
                    pairs[p++] = id[entry.getValue()];
                }
                children.add(pairs);
                outputs.add(own.get(order[k]).stream().mapToInt(Integer::intValue).toArray());
            }
            for (int s = 0; s < n; s++) {
                int[] pairs = children.get(s);
                for (int p = 0; p < pairs.length; p += 2) {
                    int c = pairs[p];
                    int child = pairs[p + 1];
                    fail[child] = s == 0 ? 0 : next(fail[s], c);
                    int[] inherited = outputs.get(fail[child]);
                    if (inherited.length > 0) {
                        int[] mine = outputs.get(child);
                        int[] merged = Arrays.copyOf(mine, mine.length + inherited.length);
                        System.arraycopy(inherited, 0, merged, mine.length, inherited.length);
                        outputs.set(child, merged);
                    }
                }
            }
        }

        int size() {
            return children.size();
        }

        int[] outputs(int state) {
            return outputs.get(state);
        }

        private int child(int s, int c) {
            int[] pairs = children.get(s);
            int lo = 0;
            int hi = pairs.length / 2 - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int k = pairs[2 * mid];
                if (k == c) {
                    return pairs[2 * mid + 1];
                } else if (k < c) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return -1;
        }

        /** The DFA transition, through failure links. */
        int next(int s, int c) {
            while (true) {
                int child = child(s, c);
                if (child >= 0) {
                    return child;
                }
                if (s == 0) {
                    return 0;
                }
                s = fail[s];
            }
        }

        int rootTarget(int c) {
            int child = child(0, c);
            return child < 0 ? 0 : child;
        }

        /**
         * Per state, (class, target) pairs sorted by class, where its transition is not the root's: its own edges
         * over those it inherits from its failure target (processed first: breadth-first ids). The root has none.
         */
        int[][] exceptions() {
            int n = size();
            int[][] result = new int[n][];
            result[0] = new int[0];
            for (int s = 1; s < n; s++) {
                TreeMap<Integer, Integer> e = new TreeMap<>();
                int f = fail[s];
                if (f != 0) {
                    int[] inherited = result[f];
                    for (int k = 0; k < inherited.length; k += 2) {
                        e.put(inherited[k], inherited[k + 1]);
                    }
                }
                int[] pairs = children.get(s);
                for (int p = 0; p < pairs.length; p += 2) {
                    e.put(pairs[p], pairs[p + 1]);
                }
                int[] flat = new int[2 * e.size()];
                int k = 0;
                for (var entry : e.entrySet()) {
                    flat[k++] = entry.getKey();
                    flat[k++] = entry.getValue();
                }
                result[s] = flat;
            }
            return result;
        }
    }
}
