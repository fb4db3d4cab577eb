package org.inboundrouter.api;

import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.inboundrouter.ops.ChannelActivity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers the health endpoints from Camel's health-check registry: routes, consumers (a mailbox that cannot be polled
 * shows here with the reason), the store, and the daemon's own checks (channels, outbox, quarantine) with their
 * details. 200 when every check is UP, 503 otherwise. Every text is passed through the channels' redaction first:
 * clients quote request URLs in their errors, and a Telegram URL holds the bot token.
 */
final class HealthEndpoint {

    /** The group of the daemon's own checks, whose details are part of the answer. */
    static final String GROUP = "inbound-router";

    enum Scope { ALL, LIVENESS, READINESS }

    void respond(Exchange e, Scope scope) throws Exception {
        var context = e.getContext();
        Collection<HealthCheck.Result> results = switch (scope) {
            case LIVENESS -> HealthCheckHelper.invokeLiveness(context);
            case READINESS -> HealthCheckHelper.invokeReadiness(context);
            case ALL -> HealthCheckHelper.invoke(context);
        };
        ChannelActivity redaction = ChannelActivity.of(context);
        boolean up = results.stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (HealthCheck.Result r : results) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("id", r.getCheck().getId());
            check.put("state", r.getState().name());
            r.getMessage().ifPresent(m -> check.put("message", redaction.redact(m)));
            r.getError().ifPresent(err -> check.put("error", redaction.redact(err.getMessage())));
            if (GROUP.equals(r.getCheck().getGroup())) {
                Map<String, Object> details = ownDetails(r.getDetails(), redaction);
                if (!details.isEmpty()) {
                    check.put("details", details);
                }
            }
            checks.add(check);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        ApiRoutes.json(e, up ? 200 : 503, body);
    }

    /** Camel adds its own bookkeeping to every result under dotted keys (invocation.count, ...); those are left out. */
    private static Map<String, Object> ownDetails(Map<String, Object> details, ChannelActivity redaction) {
        Map<String, Object> own = new LinkedHashMap<>();
        details.forEach((k, v) -> {
            if (!k.contains(".")) {
                own.put(k, redacted(v, redaction));
            }
        });
        return own;
    }

    private static Object redacted(Object value, ChannelActivity redaction) {
        if (value instanceof String s) {
            return redaction.redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, redacted(v, redaction)));
            return out;
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return redaction.redact(value.toString());
    }
}
