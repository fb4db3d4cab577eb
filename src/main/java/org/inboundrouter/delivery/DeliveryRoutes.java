package org.inboundrouter.delivery;

import org.apache.camel.builder.RouteBuilder;

import java.util.List;

/** One timer route per external sink, {@code delivery-<sink>}, draining its outbox. */
public final class DeliveryRoutes extends RouteBuilder {

    private final List<DeliveryWorker> workers;
    private final List<SinkSettings> settings;

    public DeliveryRoutes(List<DeliveryWorker> workers, List<SinkSettings> settings) {
        this.workers = List.copyOf(workers);
        this.settings = List.copyOf(settings);
    }

    public static String routeId(String sink) {
        return "delivery-" + sink;
    }

    @Override
    public void configure() {
        for (int i = 0; i < workers.size(); i++) {
            DeliveryWorker worker = workers.get(i);
            // a fixed-rate timer runs on one thread, so one sink's deliveries never overlap
            from("timer:" + routeId(worker.sinkName()) + "?delay=1000&period="
                    + settings.get(i).pollInterval().toMillis())
                    .routeId(routeId(worker.sinkName()))
                    .process(e -> worker.drain(() -> !e.getContext().isStopping()
                            && e.getContext().getRouteController().getRouteStatus(routeId(worker.sinkName()))
                            .isStarted()));
        }
    }
}
