package org.inboundrouter.classify;

import org.inboundrouter.model.Priority;

import java.util.List;

/**
 * What a classifier says of one message.
 *
 * @param category   the primary category id (see classifiers/), {@code other} when nothing fits
 * @param categories every category that applies, primary first
 * @param priority   the category's default priority, raised by urgency signals
 */
public record Classification(String category, List<String> categories, Priority priority) {

    public static final String OTHER = "other";

    public Classification {
        categories = categories == null || categories.isEmpty() ? List.of(category) : List.copyOf(categories);
    }
}
