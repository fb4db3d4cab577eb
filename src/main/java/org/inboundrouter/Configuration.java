package org.inboundrouter;

import org.inboundrouter.classify.TaxonomyReader;
import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ChannelConfig;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.ConfigProblem;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.delivery.SinkConfig;
import org.inboundrouter.delivery.SinkFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Everything the daemon reads from its config directory: application.properties, the channel files, the sink files
 * and the taxonomy. Loading checks all of it and reports every problem at once, so that one attempt (or one
 * {@code validate}) shows everything that needs fixing.
 */
public record Configuration(AppSettings settings, List<ChannelConfig> channels, List<SinkConfig> sinks) {

    public static Configuration load(Path configDir, Secrets secrets) {
        return load(configDir, secrets, UnaryOperator.identity());
    }

    /** @param overrides command-line settings applied on top of application.properties (data dir, port) */
    public static Configuration load(Path configDir, Secrets secrets, UnaryOperator<AppSettings> overrides) {
        List<ConfigProblem> problems = new ArrayList<>();
        AppSettings settings = null;
        try {
            settings = overrides.apply(AppSettings.load(configDir, secrets));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        List<ChannelConfig> channels = List.of();
        try {
            channels = new ChannelFiles(secrets, settings != null ? settings.channelPlaceholders()
                    : AppSettings.MailPorts.DEFAULTS.placeholders()).load(configDir.resolve("channels"));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        List<SinkConfig> sinks = List.of();
        try {
            sinks = new SinkFiles(secrets).load(configDir.resolve("sinks"));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (settings != null) {
            try {
                org.inboundrouter.http.AdminTokens.load(settings.http().tokensFile(), secrets);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        Path taxonomy = settings != null ? settings.taxonomy() : taxonomyOf(configDir);
        if (Files.isRegularFile(taxonomy)) {
            try {
                TaxonomyReader.read(taxonomy);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Configuration(settings, channels, sinks);
    }

    /** The taxonomy setting alone, for when the rest of application.properties has problems. */
    private static Path taxonomyOf(Path configDir) {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(configDir.resolve("application.properties"))) {
            p.load(in);
        } catch (java.io.IOException | IllegalArgumentException e) {
            // already reported by AppSettings
        }
        return Path.of(p.getProperty("inbound.classifier.taxonomy", "classifiers/wallet-support.yaml").trim());
    }
}
