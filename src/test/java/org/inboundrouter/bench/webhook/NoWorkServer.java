package org.inboundrouter.bench.webhook;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * The baseline of the webhook benchmark: the same HTTP server as the daemon (Camel platform-http on Vert.x, same
 * Camel version) answering every POST to /webhooks/nowork with 200 and doing nothing else.
 * Usage: {@code java -cp ... NoWorkServer PORT}
 */
public final class NoWorkServer {

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.server.port", args[0]);
        main.addOverrideProperty("camel.main.jmx-enabled", "false");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/webhooks/nowork?httpMethodRestrict=POST").routeId("nowork")
                        .process(e -> {
                            e.getMessage().removeHeaders("*");
                            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                            e.getMessage().setBody("{\"status\":\"stored\",\"count\":1}");
                        });
            }
        });
        main.run();
    }
}
