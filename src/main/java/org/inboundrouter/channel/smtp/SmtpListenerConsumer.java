package org.inboundrouter.channel.smtp;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.inboundrouter.pipeline.Inbound;

import javax.net.ssl.SSLContext;

/**
 * Runs the {@link SmtpServer} while its route runs, and turns each received message into an exchange of that route.
 * The exchange is processed on the session's thread and the client gets its answer only when the route is done: 250
 * when it completed (stored, a duplicate, or quarantined), 451 when it failed.
 */
final class SmtpListenerConsumer extends DefaultConsumer implements MessageSink {

    private final SmtpServer server;

    SmtpListenerConsumer(SmtpListenerEndpoint endpoint, Processor processor, SmtpListenerConfig config,
            SSLContext tls) {
        super(endpoint, processor);
        this.server = new SmtpServer(config, tls, this);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        server.start();
    }

    @Override
    protected void doStop() throws Exception {
        server.stop();
        super.doStop();
    }

    @Override
    public void store(Envelope envelope, byte[] raw) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            exchange.setProperty(Inbound.RAW, raw);
            exchange.setProperty(SmtpChannelRoutes.ENVELOPE, envelope);
            exchange.getIn().setBody(raw);
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
            if (exchange.isRollbackOnly()) {
                throw new IllegalStateException("the route rolled the message back");
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
