package org.inboundrouter.config;

/** Reads one kind of channel file (the {@code kind:} value) into its config record. */
@FunctionalInterface
public interface ChannelKind {

    ChannelConfig read(ChannelSettings settings);
}
