package org.inboundrouter;

import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.StartupException;
import org.inboundrouter.ops.LogFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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
            description = "Port of the public listener, /webhooks/ (default: inbound.http.port, 8080).")
    Integer httpPort;

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Port of the admin listener, /api, /health, /metrics (default: inbound.admin.port, 8081).")
    Integer adminPort;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "plain or json (one JSON object per line) (default: inbound.log.format, plain).")
    String logFormat;

    @Override
    public Integer call() throws Exception {
        try {
            LogFormat.apply(LogFormat.choose(logFormat, configDir));
        } catch (IllegalArgumentException e) {
            System.err.println("inbound-router: " + e.getMessage());
            return 2;
        }
        Configuration config;
        Secrets secrets = Secrets.fromSystem();
        try {
            config = Configuration.load(configDir, secrets, settings -> {
                AppSettings s = dataDir == null ? settings : settings.withDataDir(dataDir);
                s = httpPort == null ? s : s.withHttpPort(httpPort);
                return adminPort == null ? s : s.withAdminPort(adminPort);
            });
        } catch (ConfigException e) {
            return problems(e);
        }
        try {
            return new Daemon(config.settings(), config.channels(), config.sinks(), secrets).run();
        } catch (ConfigException e) {
            return problems(e);
        } catch (StartupException e) {
            // the machine, not the configuration: one sentence naming what and why, no stack trace
            System.err.println("inbound-router: " + e.getMessage());
            return 2;
        }
    }

    private static int problems(ConfigException e) {
        System.err.println("inbound-router: the configuration has problems:");
        e.problems().forEach(p -> System.err.println("  " + p));
        return 2;
    }
}
