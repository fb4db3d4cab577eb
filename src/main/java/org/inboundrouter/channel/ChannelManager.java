package org.inboundrouter.channel;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.inboundrouter.config.ChannelConfig;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.model.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the running channels in step with {@code config/channels/}: a new file starts its channel, a changed file
 * restarts it, a removed file stops it, while the daemon runs. A file with problems is reported (once per version of
 * the file) and the previous version of that channel keeps running. Touching a file restarts its channel, which is
 * how a secret read from a file ({@code ${file:...}}) is rotated without a daemon restart.
 *
 * <p>Every kind changes live except SMPP (its SMSC binding runs as services of its own): it is started with the
 * daemon, and a change to its file is reported and takes effect at the next restart.
 */
public final class ChannelManager {

    private static final Logger LOG = LoggerFactory.getLogger("channels");

    private final Path dir;
    private final ChannelFiles files;
    private final Function<ChannelConfig, RoutesBuilder> liveRoutes;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Map<String, String> reported = new LinkedHashMap<>();
    private CamelContext context;

    /** A channel as it runs: the file version it came from and the routes it added. */
    private record Running(String hash, ChannelConfig config, List<String> routeIds) {
    }

    /**
     * @param liveRoutes the routes of a channel that can change live, or null for kinds that cannot
     */
    public ChannelManager(Path dir, ChannelFiles files, Function<ChannelConfig, RoutesBuilder> liveRoutes) {
        this.dir = dir;
        this.files = files;
        this.liveRoutes = liveRoutes;
    }

    /**
     * Starts the channels loaded at start-up ({@code atStart}, already validated) once the context runs. Channels
     * whose kind cannot change live were started with the context; they are only remembered here.
     */
    public synchronized void start(CamelContext context, List<? extends ChannelConfig> atStart) throws Exception {
        if (this.context != null) {
            return;
        }
        this.context = context;
        for (ChannelConfig channel : atStart) {
            Path file = channel.file();
            String hash = hash(file);
            if (liveRoutes.apply(channel) == null || !channel.enabled()) {
                running.put(channel.name(), new Running(hash, channel, List.of()));
            } else {
                running.put(channel.name(), new Running(hash, channel, add(channel)));
            }
        }
    }

    /** Compares the directory with what runs and applies the differences. Called every few seconds. */
    public synchronized void sync() {
        if (context == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Path file : ChannelFiles.files(dir)) {
            String name = ChannelFiles.channelName(file);
            seen.add(name);
            String hash;
            try {
                hash = hash(file);
            } catch (IOException e) {
                continue; // being written or removed right now: the next round sees it whole
            }
            Running current = running.get(name);
            if (current != null && current.hash().equals(hash)) {
                continue;
            }
            ChannelConfig config;
            try {
                config = files.loadFile(file);
            } catch (ConfigException e) {
                if (!hash.equals(reported.put(name, hash))) {
                    LOG.warn("{} has problems; {}:\n  {}", file, current == null ? "the channel is not started"
                            : "the previous version keeps running", e.problems().stream().map(Object::toString)
                            .collect(Collectors.joining("\n  ")));
                }
                continue;
            }
            reported.remove(name);
            replace(name, current, config, hash);
        }
        for (String name : List.copyOf(running.keySet())) {
            if (!seen.contains(name)) {
                Running gone = running.remove(name);
                if (isLive(gone.config())) {
                    remove(name, gone.routeIds());
                    LOG.info("Channel {} removed: {} stopped", name, gone.config().kind());
                } else {
                    LOG.warn("Channel {} removed; it keeps running until the daemon restarts ({} channels cannot"
                            + " change live)", name, gone.config().kind());
                }
            }
        }
    }

    private void replace(String name, Running current, ChannelConfig config, String hash) {
        boolean wasLive = current == null || isLive(current.config());
        if (!isLive(config) || !wasLive) {
            LOG.warn("Channel {} ({}) {}; the change takes effect when the daemon restarts", name, config.kind(),
                    current == null ? "added" : "changed");
            running.put(name, new Running(hash, current == null ? config : current.config(),
                    current == null ? List.of() : current.routeIds()));
            return;
        }
        try {
            if (current != null) {
                remove(name, current.routeIds());
            }
            List<String> routes = config.enabled() ? add(config) : List.of();
            running.put(name, new Running(hash, config, routes));
            LOG.info("Channel {} ({}) {} from {}{}", name, config.kind(), current == null ? "added" : "changed",
                    config.file(), config.enabled() ? "" : ": disabled");
        } catch (Exception e) {
            LOG.warn("Channel {} could not be started from {}: {}", name, config.file(), e.getMessage());
            running.put(name, new Running(hash, config, List.of()));
        }
    }

    private boolean isLive(ChannelConfig config) {
        return liveRoutes.apply(config) != null;
    }

    /** Adds the channel's routes to the running context; returns the ids of the routes that appeared. */
    private List<String> add(ChannelConfig channel) throws Exception {
        Set<String> before = routeIds();
        context.addRoutes(liveRoutes.apply(channel));
        Set<String> after = routeIds();
        after.removeAll(before);
        return List.copyOf(after);
    }

    private void remove(String name, List<String> routeIds) {
        // the routes that consume from outside first (a Kamelet's source route), then those fed by them, so that
        // nothing new arrives while a channel route finishes what it has
        List<String> ordered = routeIds.stream().sorted(java.util.Comparator.comparing(id -> fedByKamelet(id)))
                .toList();
        for (String id : ordered) {
            try {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("Channel {}: could not stop route {}: {}", name, id, e.getMessage());
            }
        }
    }

    private boolean fedByKamelet(String routeId) {
        Route route = context.getRoute(routeId);
        return route != null && route.getEndpoint().getEndpointUri().startsWith("kamelet:");
    }

    private Set<String> routeIds() {
        return context.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toCollection(HashSet::new));
    }

    /** The file's version: its content and its modification time, so that touching it restarts the channel. */
    private static String hash(Path file) throws IOException {
        return Sha256.hex(Files.readAllBytes(file)) + "@" + Files.getLastModifiedTime(file).toMillis();
    }
}
