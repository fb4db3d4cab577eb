package org.inboundrouter.ops;

import java.time.Duration;
import java.time.Instant;

/** The running record of one channel; written by its consumer threads, read by health and metrics. */
final class ChannelState {

    private final String name;
    private final String kind;
    private final ChannelMode mode;
    private final Instant since;
    private Instant lastSuccess;
    private Instant lastReceive;
    private int consecutiveFailures;
    private Instant lastFailure;
    private String lastError;
    private Duration pollInterval;

    ChannelState(String name, String kind, ChannelMode mode, Instant since) {
        this.name = name;
        this.kind = kind;
        this.mode = mode;
        this.since = since;
    }

    synchronized void succeeded(Instant at) {
        lastSuccess = at;
        consecutiveFailures = 0;
    }

    synchronized void received(Instant at) {
        lastReceive = at;
        succeeded(at);
    }

    synchronized void failed(Instant at, String error) {
        consecutiveFailures++;
        lastFailure = at;
        lastError = error;
    }

    synchronized void pollInterval(Duration interval) {
        pollInterval = interval;
    }

    synchronized ChannelStatus status() {
        return new ChannelStatus(name, kind, mode, since, lastSuccess, lastReceive, consecutiveFailures, lastFailure,
                lastError, pollInterval);
    }
}
