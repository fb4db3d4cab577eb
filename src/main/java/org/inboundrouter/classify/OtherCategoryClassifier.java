package org.inboundrouter.classify;

import org.inboundrouter.model.InboundMessage;
import org.inboundrouter.model.Priority;

/**
 * Files every message under {@code other} at normal priority: the pipeline's classifier until a taxonomy-driven one
 * is configured.
 */
public final class OtherCategoryClassifier implements Classifier {

    @Override
    public Classification classify(InboundMessage message) {
        return new Classification(Classification.OTHER, null, Priority.NORMAL);
    }
}
