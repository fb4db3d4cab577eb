package org.inboundrouter.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells from a remote ticket's category values, as they were when the router last wrote or read them and as they are
 * now, which category an agent has chosen there (issue 14). Only a change counts: a value the router wrote itself,
 * or one it has seen before, is never an agent's choice, whatever our ticket's category is by now (it may have been
 * corrected through the API since, and the sinks do not write corrections back).
 *
 * <ul>
 *   <li>Values that are no category id of the taxonomy (Zammad's other tags, an RT value the taxonomy lacks) are
 *   ignored; ids compare without case, as RT stores its own spelling.</li>
 *   <li>One category value added (RT: the Category field set to another value; Zammad: a category tag added, whether
 *   or not the old one was removed) is the agent's choice.</li>
 *   <li>None added, values removed, and exactly one category left (Zammad: the wrong tag removed) is the choice too.</li>
 *   <li>Anything else (the field emptied, several category tags added at once) is ambiguous and chooses nothing.</li>
 * </ul>
 */
final class CategoryReadBack {

    private CategoryReadBack() {
    }

    /** The category an agent chose, as a taxonomy id; empty when nothing (clear) changed. */
    static Optional<String> agentsChoice(Set<String> before, Set<String> now, Collection<String> categoryIds) {
        Map<String, String> ids = new HashMap<>();
        for (String id : categoryIds) {
            ids.put(id.toLowerCase(Locale.ROOT), id);
        }
        Set<String> was = known(before, ids);
        Set<String> is = known(now, ids);
        if (was.equals(is)) {
            return Optional.empty();
        }
        Set<String> added = new LinkedHashSet<>(is);
        added.removeAll(was);
        if (added.size() == 1) {
            return Optional.of(added.iterator().next());
        }
        if (added.isEmpty() && is.size() == 1) {
            return Optional.of(is.iterator().next());
        }
        return Optional.empty();
    }

    private static Set<String> known(Set<String> values, Map<String, String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            String id = v == null ? null : ids.get(v.strip().toLowerCase(Locale.ROOT));
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }
}
