package org.inboundrouter.classify;

import org.inboundrouter.model.InboundMessage;

/** Sorts a message into a problem category with a priority. Implementations must be thread-safe. */
public interface Classifier {

    Classification classify(InboundMessage message);
}
