package org.inboundrouter.config;

import java.nio.file.Path;

/**
 * One channel instance, read from one file in {@code config/channels/}. Each channel kind has its own record; see
 * {@link ChannelKinds} for the kinds a file may name.
 */
public interface ChannelConfig {

    /** The instance name: the file name without its extension. */
    String name();

    /** The kind of channel as it appears on messages and tickets, e.g. {@code email} or {@code sms}. */
    String kind();

    Path file();

    boolean enabled();
}
