package org.inboundrouter.ops;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Readiness of the channels: DOWN, naming each failing channel and why, when a polled or connected channel's last
 * attempts all failed or a polled channel has not completed a poll for too long. The other channels keep working
 * regardless; this tells the operator (or the orchestrator) that one of them does not.
 */
final class ChannelsHealthCheck extends AbstractHealthCheck {

    static final String ID = "channels";

    private final ChannelActivity activity;
    private final Duration staleAfter;
    private final int failureThreshold;

    ChannelsHealthCheck(ChannelActivity activity, Duration staleAfter, int failureThreshold) {
        super(OpsRoutes.GROUP, ID);
        this.activity = activity;
        this.staleAfter = staleAfter;
        this.failureThreshold = failureThreshold;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Instant now = activity.clock().instant();
        Map<String, Object> channels = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ChannelStatus s : activity.statuses()) {
            String problem = s.problem(now, staleAfter, failureThreshold);
            if (problem != null) {
                problems.add("channel " + s.name() + " (" + s.kind() + "): " + problem);
            }
            channels.put(s.name(), detail(s, problem, now));
        }
        builder.detail("channels", channels);
        if (problems.isEmpty()) {
            builder.message(channels.size() + " channel(s) working").up();
        } else {
            builder.message(String.join("; ", problems)).down();
        }
    }

    private Map<String, Object> detail(ChannelStatus s, String problem, Instant now) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", s.kind());
        d.put("mode", s.mode().name().toLowerCase(Locale.ROOT));
        d.put("state", problem == null ? "UP" : "DOWN");
        if (problem != null) {
            d.put("problem", problem);
        }
        d.put("since", s.since().toString());
        d.put("lastSuccess", text(s.lastSuccess()));
        d.put("lastReceive", text(s.lastReceive()));
        d.put("consecutiveFailures", s.consecutiveFailures());
        d.put("lastFailure", text(s.lastFailure()));
        d.put("lastError", s.lastError());
        if (s.mode() == ChannelMode.POLLED) {
            Duration limit = s.staleLimit(staleAfter);
            Instant reference = s.lastSuccess() == null ? s.since() : s.lastSuccess();
            d.put("staleAfterSeconds", limit.toSeconds());
            d.put("stale", Duration.between(reference, now).compareTo(limit) > 0);
        }
        if (s.pollInterval() != null) {
            d.put("pollIntervalSeconds", s.pollInterval().toMillis() / 1000.0);
        }
        return d;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
