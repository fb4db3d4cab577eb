package org.inboundrouter.ops;

import java.time.Duration;
import java.time.Instant;

/**
 * What is known of one channel at a moment: when it last worked, when a message last came through it, and how its
 * latest attempts went.
 *
 * @param since               when the channel started (or was last restarted with a changed file)
 * @param lastSuccess         the latest completed poll, connection or received message; null when none yet
 * @param lastReceive         the latest message handed to the pipeline; null when none yet
 * @param consecutiveFailures failed polls or connection attempts since the latest success
 * @param lastError           the latest failure's exception, secrets removed; null when none
 * @param pollInterval        the consumer's delay between polls, when it polls and it is known
 */
public record ChannelStatus(String name, String kind, ChannelMode mode, Instant since, Instant lastSuccess,
        Instant lastReceive, int consecutiveFailures, Instant lastFailure, String lastError, Duration pollInterval) {

    /** Why the channel is not working, or null when it is (or cannot be told by silence, as for webhooks). */
    public String problem(Instant now, Duration staleAfter, int failureThreshold) {
        if (mode == ChannelMode.PUSHED) {
            return null;
        }
        if (consecutiveFailures >= failureThreshold) {
            return "the last " + consecutiveFailures + " " + mode.attempts() + " failed: " + lastError;
        }
        if (mode == ChannelMode.POLLED) {
            Duration limit = staleLimit(staleAfter);
            Instant reference = lastSuccess == null ? since : lastSuccess;
            if (Duration.between(reference, now).compareTo(limit) > 0) {
                return (lastSuccess == null ? "no poll has completed since it started " : "no poll has completed for ")
                        + Durations.format(Duration.between(reference, now)) + " (limit " + Durations.format(limit)
                        + ")" + (lastError == null ? "" : "; last error: " + lastError);
            }
        }
        return null;
    }

    /** A channel polled less often than the setting allows is judged by three of its own intervals. */
    Duration staleLimit(Duration staleAfter) {
        if (pollInterval == null) {
            return staleAfter;
        }
        Duration threeIntervals = pollInterval.multipliedBy(3);
        return threeIntervals.compareTo(staleAfter) > 0 ? threeIntervals : staleAfter;
    }
}
