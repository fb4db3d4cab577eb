package org.inboundrouter.config;

import java.nio.file.Path;

/** One channel instance, read from one file in {@code config/channels/}. */
public sealed interface ChannelConfig permits EmailChannelConfig {

    /** The instance name: the file name without its extension. */
    String name();

    /** The channel kind as it appears on messages and tickets, e.g. {@code email}. */
    String kind();

    Path file();

    boolean enabled();
}
