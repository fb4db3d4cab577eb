package org.inboundrouter.api;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.inboundrouter.store.Database;

import java.sql.Connection;
import java.util.Map;

/** The ticket store answers: without it nothing can be acknowledged, so the daemon is not ready. */
final class StoreHealthCheck extends AbstractHealthCheck {

    private final Database database;

    StoreHealthCheck(Database database) {
        super(HealthEndpoint.GROUP, "store");
        this.database = database;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = database.dataSource().getConnection()) {
            if (c.isValid(2)) {
                builder.detail("reachable", true).up();
            } else {
                builder.detail("reachable", false).message("connection not valid").down();
            }
        } catch (Exception e) {
            builder.detail("reachable", false).message(e.getMessage()).error(e).down();
        }
    }
}
