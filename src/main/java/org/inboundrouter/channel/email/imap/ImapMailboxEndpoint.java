package org.inboundrouter.channel.email.imap;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.inboundrouter.config.EmailChannelConfig;

/**
 * An IMAP mailbox as a route's source: each unseen mail leaves it as one exchange whose body is the mail's raw bytes,
 * and is acknowledged on the server (flagged \Seen, moved or deleted, per batch) once its exchange has completed.
 * A failed exchange leaves its mail untouched, to be fetched again. Waits with IDLE when the server offers it.
 * Built in code for one channel: it has no component and no URI syntax.
 */
public final class ImapMailboxEndpoint extends DefaultEndpoint {

    private final EmailChannelConfig config;

    public ImapMailboxEndpoint(CamelContext context, EmailChannelConfig config) {
        super("imap-mailbox://" + config.name(), null);
        setCamelContext(context);
        this.config = config;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("an IMAP mailbox is only read from");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ImapMailboxConsumer consumer = new ImapMailboxConsumer(this, processor, config);
        configureConsumer(consumer);
        return consumer;
    }
}
