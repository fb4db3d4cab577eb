package org.inboundrouter.api;

import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers the health endpoints from Camel's health-check registry: routes, consumers (a mailbox that cannot be polled
 * shows here with the reason) and the store. 200 when every check is UP, 503 otherwise.
 */
final class HealthEndpoint {

    enum Scope { ALL, LIVENESS, READINESS }

    void respond(Exchange e, Scope scope) throws Exception {
        var context = e.getContext();
        Collection<HealthCheck.Result> results = switch (scope) {
            case LIVENESS -> HealthCheckHelper.invokeLiveness(context);
            case READINESS -> HealthCheckHelper.invokeReadiness(context);
            case ALL -> HealthCheckHelper.invoke(context);
        };
        boolean up = results.stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (HealthCheck.Result r : results) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("id", r.getCheck().getId());
            check.put("state", r.getState().name());
            r.getMessage().ifPresent(m -> check.put("message", m));
            r.getError().ifPresent(err -> check.put("error", err.getMessage()));
            checks.add(check);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        ApiRoutes.json(e, up ? 200 : 503, body);
    }
}
