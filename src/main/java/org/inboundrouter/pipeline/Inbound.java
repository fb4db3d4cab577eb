package org.inboundrouter.pipeline;

/** Names of the exchange properties that carry an inbound item through the routes. */
public final class Inbound {

    /** the {@link org.inboundrouter.model.ChannelRef} the item came through */
    public static final String CHANNEL = "inbound.channel";
    /** the raw source bytes, kept for quarantine */
    public static final String RAW = "inbound.raw";
    /** the {@link org.inboundrouter.model.Intake}, once the channel has normalized the item */
    public static final String INTAKE = "inbound.intake";

    /** The route every channel hands its normalized items to. */
    public static final String INGEST_ENDPOINT = "direct:ingest";

    private Inbound() {
    }
}
