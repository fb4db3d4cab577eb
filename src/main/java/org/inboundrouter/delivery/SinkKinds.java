package org.inboundrouter.delivery;

/** The kinds of external sink a file in {@code config/sinks/} may name. */
final class SinkKinds {

    private static boolean registered;

    private SinkKinds() {
    }

    static synchronized void registerAll() {
        if (registered) {
            return;
        }
        registered = true;
        SinkFiles.register("rt", new org.inboundrouter.delivery.rt.RtSinkKind());
        SinkFiles.register("zammad", new org.inboundrouter.delivery.zammad.ZammadSinkKind());
        SinkFiles.register("webhook", new org.inboundrouter.delivery.webhook.WebhookSinkKind());
    }
}
