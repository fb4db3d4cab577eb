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
        // each kind registers here: SinkFiles.register("<kind>", <SinkKind>);
    }
}
