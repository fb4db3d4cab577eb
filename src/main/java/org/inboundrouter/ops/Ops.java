package org.inboundrouter.ops;

import org.apache.camel.RoutesBuilder;
import org.inboundrouter.delivery.DeliveryWorker;
import org.inboundrouter.delivery.Outbox;
import org.inboundrouter.store.Database;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The daemon's observability, wired by {@code Components}: {@link #observe} each delivery worker, and add
 * {@link #routes()} (health checks, {@code GET /metrics}) to the routes.
 */
public final class Ops {

    private final Outbox outbox;
    private final OpsQueries queries;
    private final InboundMetrics metrics = new InboundMetrics();
    private final List<DeliveryWorker> workers = new CopyOnWriteArrayList<>();

    public Ops(Database database, Outbox outbox) {
        this.outbox = outbox;
        this.queries = new OpsQueries(database);
    }

    /** Counts the worker's attempts and reports its sink's lag and breaker; returns the worker. */
    public DeliveryWorker observe(DeliveryWorker worker) {
        workers.add(worker);
        return worker.observedBy(new DeliveryMetrics(metrics, queries));
    }

    public RoutesBuilder routes() {
        return new OpsRoutes(metrics, outbox, queries, workers);
    }
}
