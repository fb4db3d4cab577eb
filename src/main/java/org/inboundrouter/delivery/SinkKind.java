package org.inboundrouter.delivery;

import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;

import java.util.Set;

/** One kind of external ticket system: its settings and how to build a sink from a file's fields. */
public interface SinkKind {

    /** The settings this kind reads, besides the common ones ({@link SinkFiles#COMMON_FIELDS}). */
    Set<String> fields();

    /** Builds the sink; problems go to {@code yaml} (the result is discarded when there were any). */
    TicketSink read(String name, YamlFields yaml, Secrets secrets);
}
