package org.inboundrouter;

import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ChannelConfig;
import org.inboundrouter.config.ChannelFiles;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.delivery.SinkConfig;
import org.inboundrouter.delivery.SinkFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code inbound-router run}: the daemon, until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the daemon (the default command).")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Configuration directory: application.properties and channels/ (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded store keeps its files (default: inbound.data-dir, ./data).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of the HTTP API on 127.0.0.1 (default: inbound.http.port, 8080).")
    Integer httpPort;

    @Override
    public Integer call() throws Exception {
        AppSettings settings;
        List<ChannelConfig> channels;
        List<SinkConfig> sinks;
        try {
            Secrets secrets = Secrets.fromSystem();
            settings = AppSettings.load(configDir, secrets);
            if (dataDir != null) {
                settings = settings.withDataDir(dataDir);
            }
            if (httpPort != null) {
                settings = settings.withHttpPort(httpPort);
            }
            channels = new ChannelFiles(secrets).load(settings.channelsDir());
            sinks = new SinkFiles(secrets).load(settings.sinksDir());
        } catch (ConfigException e) {
            System.err.println("inbound-router: the configuration has problems:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        }
        try {
            return new Daemon(settings, channels, sinks).run();
        } catch (ConfigException e) {
            System.err.println("inbound-router: the configuration has problems:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        }
    }
}
