package org.inboundrouter.delivery.rt;

import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;
import org.inboundrouter.delivery.SinkKind;
import org.inboundrouter.delivery.TicketSink;

import java.util.Set;

/** {@code kind: rt} in {@code config/sinks/}: Request Tracker 5 over REST2. */
public final class RtSinkKind implements SinkKind {

    @Override
    public Set<String> fields() {
        return RtSinkConfig.FIELDS;
    }

    @Override
    public TicketSink read(String name, YamlFields yaml, Secrets secrets) {
        RtSinkConfig config = RtSinkConfig.read(yaml, secrets);
        return config == null ? null : new RtSink(name, config);
    }
}
