package org.inboundrouter.store;

import java.util.Arrays;
import java.util.List;

/** Category lists are stored as one comma-separated column: ids are [a-z_] and never contain a comma. */
final class Categories {

    private Categories() {
    }

    static String format(List<String> categories) {
        return String.join(",", categories);
    }

    static List<String> parse(String column) {
        return column == null || column.isBlank() ? List.of() : Arrays.asList(column.split(","));
    }
}
