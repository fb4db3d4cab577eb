package org.inboundrouter.ops;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/** How many quarantine entries wait for someone: reported, never a reason to be unready. */
final class QuarantineHealthCheck extends AbstractHealthCheck {

    static final String ID = "quarantine";

    private final OpsQueries queries;

    QuarantineHealthCheck(OpsQueries queries) {
        super(OpsRoutes.GROUP, ID);
        this.queries = queries;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            long open = queries.openQuarantine();
            builder.detail("open", open).message(open + " open entr" + (open == 1 ? "y" : "ies")).up();
        } catch (Exception e) {
            builder.message("cannot read the quarantine: " + e.getMessage()).error(e).down();
        }
    }
}
