package org.inboundrouter.delivery.zammad;

import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;
import org.inboundrouter.delivery.SinkKind;
import org.inboundrouter.delivery.TicketSink;

import java.util.Set;

/** {@code kind: zammad} in {@code config/sinks/}. */
public final class ZammadSinkKind implements SinkKind {

    @Override
    public Set<String> fields() {
        return ZammadSinkConfig.FIELDS;
    }

    @Override
    public TicketSink read(String name, YamlFields yaml, Secrets secrets) {
        ZammadSinkConfig config = ZammadSinkConfig.read(yaml, secrets);
        return config == null ? null : new ZammadSink(name, config);
    }
}
