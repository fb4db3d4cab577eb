package org.inboundrouter;

import org.inboundrouter.config.ChannelConfig;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.delivery.SinkConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code inbound-router validate [--config DIR]}: checks application.properties, every channel file, every sink file
 * and the taxonomy without starting anything; prints every problem with file and line; exits 1 when there is any.
 * Secrets are resolved too (from this shell's environment), so a missing variable is found before a deploy.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the configuration (settings, channels, sinks, taxonomy); exit 1 on any problem.")
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Configuration directory (default: ${DEFAULT-VALUE}).")
    Path configDir;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        if (!Files.isDirectory(configDir)) {
            err.println(configDir + ": no such directory");
            return 1;
        }
        Configuration config;
        try {
            config = Configuration.load(configDir, Secrets.fromSystem());
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println(p));
            err.println(e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + " in "
                    + configDir);
            return 1;
        }
        for (ChannelConfig c : config.channels()) {
            out.println("channel " + c.name() + " (" + c.kind() + ")" + (c.enabled() ? "" : " disabled") + ": ok");
        }
        for (SinkConfig s : config.sinks()) {
            out.println("sink " + s.name() + " (" + s.kind() + ")" + (s.enabled() ? "" : " disabled") + ": ok");
        }
        Path taxonomy = config.settings().taxonomy();
        out.println("taxonomy " + (Files.isRegularFile(taxonomy) ? taxonomy + ": ok"
                : taxonomy + " not found: the taxonomy built into the jar will be used"));
        out.println(configDir + ": no problems");
        return 0;
    }
}
