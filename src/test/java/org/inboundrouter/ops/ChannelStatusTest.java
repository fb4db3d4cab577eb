package org.inboundrouter.ops;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelStatusTest {

    private static final Instant T0 = Instant.parse("2025-05-03T08:00:00Z");
    private static final Duration STALE = Duration.ofMinutes(15);

    private static ChannelStatus status(ChannelMode mode, Instant lastSuccess, int failures, Duration interval) {
        return new ChannelStatus("cn", "email", mode, T0, lastSuccess, null, failures,
                failures == 0 ? null : T0.plusSeconds(60), failures == 0 ? null : "ConnectException: refused",
                interval);
    }

    @Test
    void aPolledChannelIsDownAfterTheThresholdOfFailuresInARow() {
        assertThat(status(ChannelMode.POLLED, T0, 2, null).problem(T0.plusSeconds(61), STALE, 3)).isNull();
        assertThat(status(ChannelMode.POLLED, T0, 3, null).problem(T0.plusSeconds(61), STALE, 3))
                .isEqualTo("the last 3 polls failed: ConnectException: refused");
        assertThat(status(ChannelMode.CONNECTED, T0, 3, null).problem(T0.plusSeconds(61), STALE, 3))
                .isEqualTo("the last 3 connection attempts failed: ConnectException: refused");
    }

    @Test
    void aPolledChannelIsStaleWithoutACompletedPollForTooLong() {
        ChannelStatus s = status(ChannelMode.POLLED, T0, 0, Duration.ofSeconds(60));
        assertThat(s.problem(T0.plus(Duration.ofMinutes(15)), STALE, 3)).isNull();
        assertThat(s.problem(T0.plus(Duration.ofMinutes(16)), STALE, 3))
                .isEqualTo("no poll has completed for 16m (limit 15m)");
        ChannelStatus never = status(ChannelMode.POLLED, null, 0, null);
        assertThat(never.problem(T0.plus(Duration.ofMinutes(20)), STALE, 3))
                .startsWith("no poll has completed since it started 20m");
    }

    @Test
    void aChannelPolledRarelyIsJudgedByThreeOfItsIntervals() {
        ChannelStatus hourly = status(ChannelMode.POLLED, T0, 0, Duration.ofHours(1));
        assertThat(hourly.problem(T0.plus(Duration.ofHours(2)), STALE, 3)).isNull();
        assertThat(hourly.problem(T0.plus(Duration.ofHours(4)), STALE, 3)).contains("limit 3h 0m");
    }

    @Test
    void silenceIsNoProblemForWebhooksNorForAHeldConnection() {
        assertThat(status(ChannelMode.PUSHED, null, 0, null).problem(T0.plus(Duration.ofDays(3)), STALE, 3)).isNull();
        assertThat(status(ChannelMode.CONNECTED, T0, 0, null).problem(T0.plus(Duration.ofDays(3)), STALE, 3))
                .isNull();
    }
}
