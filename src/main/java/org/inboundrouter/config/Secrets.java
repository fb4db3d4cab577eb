package org.inboundrouter.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references in config values: {@code ${env:NAME}} reads an environment variable,
 * {@code ${file:/path}} reads a file (trailing newline removed, as written by most secret stores).
 */
public final class Secrets {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Secrets.class);
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private final Map<String, String> environment;

    public Secrets(Map<String, String> environment) {
        this.environment = environment;
    }

    public static Secrets fromSystem() {
        return new Secrets(System.getenv());
    }

    /**
     * A WARN, naming the file and its mode (never its content), when group or others may read a secret file; once
     * per file and mode, as channel files are read again whenever they change.
     */
    static void warnWhenOthersCanRead(Path path) {
        try {
            java.util.Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                String octal = FileModes.octal(mode);
                if (WARNED.add(path.toAbsolutePath() + " " + octal)) {
                    LOG.warn("Secret file {} has mode {} ({}): {} can read it; chmod 600 {} (or 640 for a group "
                            + "that must)", path, octal, PosixFilePermissions.toString(mode),
                            mode.contains(PosixFilePermission.OTHERS_READ) ? "every user of this machine"
                                    : "its group", path);
                }
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions here (or the file went away after it was read): nothing to say
        }
    }

    public static boolean isReference(String value) {
        return value != null && REFERENCE.matcher(value.trim()).matches();
    }

    /**
     * A required secret setting. Unless the server it is for is on this machine ({@code literalAllowed}), it must be a
     * reference: {@code what} names it in the problem reported otherwise. Returns null when missing or unresolved.
     */
    public Secret required(YamlFields yaml, String field, boolean literalAllowed, String what) {
        String raw = yaml.requiredString(field);
        if (raw == null) {
            return null;
        }
        if (!literalAllowed && !isReference(raw)) {
            yaml.problem(field, "must be ${env:NAME} or ${file:/path}; " + what + " is never written into a config file");
            return null;
        }
        return resolve(raw, yaml, field);
    }

    /** Resolves {@code raw}; problems are reported against {@code field} of {@code yaml}. Returns null on failure. */
    public Secret resolve(String raw, YamlFields yaml, String field) {
        Matcher m = REFERENCE.matcher(raw.trim());
        if (!m.matches()) {
            return new Secret(raw, "literal");
        }
        String name = m.group(2).trim();
        if (m.group(1).equals("env")) {
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                yaml.problem(field, "environment variable " + name + " is not set");
                return null;
            }
            return new Secret(value, "env:" + name);
        }
        Path path = Path.of(name);
        try {
            String value = Files.readString(path, StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
            if (value.isEmpty()) {
                yaml.problem(field, "secret file " + path + " is empty");
                return null;
            }
            warnWhenOthersCanRead(path);
            return new Secret(value, "file:" + path);
        } catch (IOException e) {
            yaml.problem(field, "cannot read secret file " + path + ": " + e.getClass().getSimpleName());
            return null;
        }
    }
}
