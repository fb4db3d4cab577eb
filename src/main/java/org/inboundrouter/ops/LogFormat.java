package org.inboundrouter.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Switches the daemon's log between plain lines ({@code logback.xml}) and JSON lines ({@code logback-json.xml}).
 * Chosen before the daemon starts, so that Camel's start-up lines are already in the chosen format; logback has
 * configured itself from logback.xml by then, and is configured again.
 */
public final class LogFormat {

    public static final String PROPERTY = "inbound.log.format";

    public enum Format { PLAIN, JSON }

    private LogFormat() {
    }

    /**
     * The format from the command-line option when given, else from {@code inbound.log.format} in the config
     * directory's application.properties, else plain.
     *
     * @throws IllegalArgumentException naming the value when it is neither plain nor json
     */
    public static Format choose(String option, Path configDir) {
        String value = option;
        if (value == null) {
            Path file = configDir.resolve("application.properties");
            if (Files.isRegularFile(file)) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                } catch (IOException | IllegalArgumentException e) {
                    // the configuration check that follows reports an unreadable file, with its line
                }
                value = p.getProperty(PROPERTY);
            }
        }
        if (value == null || value.isBlank()) {
            return Format.PLAIN;
        }
        try {
            return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("log format must be plain or json, was \"" + value.trim() + "\"");
        }
    }

    /** Reconfigures logback; plain goes back to the configuration logback finds by itself. */
    public static void apply(Format format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding (an embedding application) owns the configuration
        }
        context.reset();
        try {
            if (format == Format.JSON) {
                JoranConfigurator configurator = new JoranConfigurator();
                configurator.setContext(context);
                configurator.doConfigure(LogFormat.class.getResource("/logback-json.xml"));
            } else {
                new ContextInitializer(context).autoConfig();
            }
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging: " + e.getMessage(), e);
        }
    }
}
