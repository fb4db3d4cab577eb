package org.inboundrouter.api;

import org.apache.camel.Exchange;
import org.inboundrouter.ops.InboundMetrics;

/** {@code GET /metrics}: the daemon's metrics in Prometheus text format (see docs/operations-observability.md). */
final class MetricsEndpoint {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsEndpoint() {
    }

    static void respond(Exchange e) {
        String text = InboundMetrics.of(e.getContext()).scrape();
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        e.getMessage().setBody(text);
    }
}
