package org.inboundrouter.ops;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * Tells {@link ChannelActivity} how each poll of a channel went, then does what the consumer's own strategy does. A
 * poll that cannot reach the server (connection refused, login failed, timeout) fails in the consumer, before any
 * exchange exists, so no route error handler sees it: this is the one place that does.
 */
final class RecordingPollStrategy implements PollingConsumerPollStrategy {

    private final PollingConsumerPollStrategy delegate;
    private final ChannelActivity activity;
    private final String channel;

    RecordingPollStrategy(PollingConsumerPollStrategy delegate, ChannelActivity activity, String channel) {
        this.delegate = delegate;
        this.activity = activity;
        this.channel = channel;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return delegate.begin(consumer, endpoint);
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        activity.succeeded(channel);
        delegate.commit(consumer, endpoint, polledMessages);
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) throws Exception {
        activity.failed(channel, cause);
        return delegate.rollback(consumer, endpoint, retryCounter, cause);
    }
}
