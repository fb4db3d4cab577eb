package org.inboundrouter.channel.smtp;

import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;

import javax.net.ssl.SSLContext;
import java.util.Map;

/**
 * The listener as a Camel endpoint, so that its consumer is started and stopped with its route: it binds once the
 * routes it feeds run, and on shutdown it is stopped (routes stop in reverse order) before {@code direct:ingest}.
 * There is no component to look it up by URI; the channel's route is built from the instance.
 */
final class SmtpListenerEndpoint extends DefaultEndpoint {

    private final SmtpListenerConfig config;
    private final SSLContext tls;

    SmtpListenerEndpoint(SmtpListenerConfig config, SSLContext tls, org.apache.camel.CamelContext context) {
        super("inbound-smtp://" + config.name(), component(context));
        this.config = config;
        this.tls = tls;
    }

    private static Component component(org.apache.camel.CamelContext context) {
        DefaultComponent component = new DefaultComponent(context) {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
                throw new UnsupportedOperationException("an SMTP listener is configured by its channel file");
            }
        };
        return component;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("an SMTP listener only receives");
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        return new SmtpListenerConsumer(this, processor, config, tls);
    }

    @Override
    public boolean isRemote() {
        return true;
    }
}
