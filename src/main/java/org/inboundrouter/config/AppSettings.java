package org.inboundrouter.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.inboundrouter.http.HttpSettings;

/**
 * The daemon's own settings ({@code inbound.*}), read from the defaults inside the jar and then
 * {@code <config>/application.properties}; command-line options override both. Camel's own {@code camel.*} settings
 * live in the same files and are read by Camel Main.
 */
public record AppSettings(
        Path configDir,
        Path dataDir,
        HttpSettings http,
        boolean localMailServer,
        long maxStoredAttachmentBytes,
        String storeUrl,
        String storeUser,
        Secret storePassword,
        Path taxonomy,
        Duration conversationWindow,
        Duration channelWatchInterval,
        MailPorts localMailPorts,
        Secret storeEncryptionKey) {

    /** The local mail server's ports on 127.0.0.1, each with the setting it comes from (for messages). */
    public record MailPorts(int smtp, int imap, int pop3) {
        public static final String SMTP = "inbound.local-mail-server.smtp-port";
        public static final String IMAP = "inbound.local-mail-server.imap-port";
        public static final String POP3 = "inbound.local-mail-server.pop3-port";
        public static final MailPorts DEFAULTS = new MailPorts(3025, 3143, 3110);

        /** The setting values channel files may refer to as {@code ${inbound.local-mail-server.imap-port}}. */
        public java.util.Map<String, String> placeholders() {
            return java.util.Map.of(SMTP, Integer.toString(smtp), IMAP, Integer.toString(imap),
                    POP3, Integer.toString(pop3));
        }
    }

    public static final String DEFAULTS = "application.properties";
    private static final java.util.regex.Pattern DURATION =
            java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    /** The public listener's bind address ({@code inbound.http.host}). */
    public String httpHost() {
        return http.publicListener().host();
    }

    /** The public listener's port ({@code inbound.http.port}). */
    public int httpPort() {
        return http.publicListener().port();
    }

    public Path channelsDir() {
        return configDir.resolve("channels");
    }

    /** External ticket systems, one file each (see {@code delivery.SinkFiles}). */
    public Path sinksDir() {
        return configDir.resolve("sinks");
    }

    public Path applicationProperties() {
        return configDir.resolve("application.properties");
    }

    /**
     * The settings as written: the built-in defaults with {@code <config>/application.properties} on top, nothing
     * resolved or checked (for tools that need one or two of them, see {@code ApiAddress}).
     */
    public static Properties properties(Path configDir) {
        Properties p = new Properties();
        try (InputStream in = AppSettings.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in " + DEFAULTS, e);
        }
        Path file = configDir.resolve("application.properties");
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(List.of(new ConfigProblem(file, 0, null, "cannot read: " + e.getMessage())));
            }
        }
        return p;
    }

    public static AppSettings load(Path configDir, Secrets secrets) {
        Properties p = properties(configDir);
        Path file = configDir.resolve("application.properties");
        List<ConfigProblem> problems = new ArrayList<>();
        YamlFields reporter = YamlFields.detached(file);
        Path dataDir = Path.of(p.getProperty("inbound.data-dir", "data"));
        HttpSettings http = HttpSettings.load(p, configDir, file, problems);
        boolean localMail = Boolean.parseBoolean(p.getProperty("inbound.local-mail-server.enabled", "false").trim());
        long maxAttachment = intValue(p, "inbound.attachments.max-stored-bytes", 10 * 1024 * 1024, file, problems);
        String url = blankToNull(p.getProperty("inbound.store.url"));
        String user = blankToNull(p.getProperty("inbound.store.user"));
        String rawPassword = blankToNull(p.getProperty("inbound.store.password"));
        Secret password = rawPassword == null ? null : secrets.resolve(rawPassword, reporter, "inbound.store.password");
        Path taxonomy = Path.of(p.getProperty("inbound.classifier.taxonomy", "classifiers/wallet-support.yaml").trim());
        Duration window = duration(p, "inbound.conversation.window", Duration.ofHours(72), file, problems);
        Duration watch = duration(p, "inbound.channels.watch-interval", Duration.ofSeconds(2), file, problems);
        MailPorts mailPorts = new MailPorts(port(p, MailPorts.SMTP, MailPorts.DEFAULTS.smtp(), file, problems),
                port(p, MailPorts.IMAP, MailPorts.DEFAULTS.imap(), file, problems),
                port(p, MailPorts.POP3, MailPorts.DEFAULTS.pop3(), file, problems));
        String rawKey = blankToNull(p.getProperty("inbound.store.encryption-key"));
        Secret key = null;
        if (rawKey != null) {
            if (!Secrets.isReference(rawKey)) {
                reporter.problem("inbound.store.encryption-key",
                        "must be ${env:NAME} or ${file:/path}; a key is never written into a config file");
            } else {
                key = secrets.resolve(rawKey, reporter, "inbound.store.encryption-key");
                if (key != null && (key.value().length() < 16 || key.value().contains(" "))) {
                    reporter.problem("inbound.store.encryption-key", "the key from " + key.source()
                            + " must be at least 16 characters, without spaces");
                    key = null;
                }
            }
        }
        problems.addAll(reporter.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AppSettings(configDir, dataDir, http, localMail, maxAttachment, url, user, password,
                taxonomy, window, watch, mailPorts, key);
    }

    /** The built-in defaults with the store in {@code dataDir} and the public listener on {@code httpPort} (tests, tools). */
    public static AppSettings defaults(Path dataDir, int httpPort) {
        return load(dataDir.resolve("no-config-here"), new Secrets(java.util.Map.of()))
                .withDataDir(dataDir).withHttpPort(httpPort);
    }

    public AppSettings withHttp(HttpSettings h) {
        return new AppSettings(configDir, dataDir, h, localMailServer, maxStoredAttachmentBytes, storeUrl,
                storeUser, storePassword, taxonomy, conversationWindow, channelWatchInterval, localMailPorts,
                storeEncryptionKey);
    }

    /** The admin listener on {@code port}. */
    public AppSettings withAdminPort(int port) {
        return withHttp(http.withAdmin(http.adminListener().withPort(port)));
    }

    public AppSettings withDataDir(Path dir) {
        return new AppSettings(configDir, dir, http, localMailServer, maxStoredAttachmentBytes, storeUrl,
                storeUser, storePassword, taxonomy, conversationWindow, channelWatchInterval, localMailPorts,
                storeEncryptionKey);
    }

    /** The public listener on {@code port}. */
    public AppSettings withHttpPort(int port) {
        return withHttp(http.withPublic(http.publicListener().withPort(port)));
    }

    public AppSettings withLocalMailServer(boolean on) {
        return new AppSettings(configDir, dataDir, http, on, maxStoredAttachmentBytes, storeUrl,
                storeUser, storePassword, taxonomy, conversationWindow, channelWatchInterval, localMailPorts,
                storeEncryptionKey);
    }

    /** The setting values channel files may refer to as {@code ${inbound.local-mail-server.imap-port}}. */
    public java.util.Map<String, String> channelPlaceholders() {
        return localMailPorts.placeholders();
    }

    private static int port(Properties p, String key, int fallback, Path file, List<ConfigProblem> problems) {
        int port = intValue(p, key, fallback, file, problems);
        if (port < 1 || port > 65535) {
            problems.add(new ConfigProblem(file, 0, key, "must be between 1 and 65535, was " + port));
            return fallback;
        }
        return port;
    }

    /** {@code 90m}, {@code 72h}, {@code 3d}. */
    private static Duration duration(Properties p, String key, Duration fallback, Path file,
            List<ConfigProblem> problems) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Duration parsed = parseDuration(value);
        if (parsed == null) {
            problems.add(new ConfigProblem(file, 0, key, "must be a duration such as 90m, 72h or 3d, was \""
                    + value.trim() + "\""));
            return fallback;
        }
        return parsed;
    }

    /** The settings' duration notation: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 3d}; else null. */
    public static Duration parseDuration(String value) {
        java.util.regex.Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static int intValue(Properties p, String key, int fallback, Path file, List<ConfigProblem> problems) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            problems.add(new ConfigProblem(file, 0, key, "must be a whole number, was \"" + value.trim() + "\""));
            return fallback;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
