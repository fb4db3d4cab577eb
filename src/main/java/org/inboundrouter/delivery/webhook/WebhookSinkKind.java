package org.inboundrouter.delivery.webhook;

import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;
import org.inboundrouter.delivery.SinkKind;
import org.inboundrouter.delivery.TicketSink;

import java.util.Set;

/** {@code kind: webhook} in {@code config/sinks/}. */
public final class WebhookSinkKind implements SinkKind {

    @Override
    public Set<String> fields() {
        return WebhookSinkConfig.FIELDS;
    }

    @Override
    public TicketSink read(String name, YamlFields yaml, Secrets secrets) {
        WebhookSinkConfig config = WebhookSinkConfig.read(yaml, secrets);
        return config == null ? null : new WebhookSink(name, config);
    }
}
