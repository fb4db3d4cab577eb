package org.inboundrouter.config;

import java.nio.file.Path;
import java.util.Set;

/**
 * What a channel kind reads its configuration from: the file's fields (with line numbers for problems), the channel's
 * name and the secret resolver. Problems go to {@link #yaml()}; the reader returns its best effort and the caller
 * discards it when there were problems.
 */
public record ChannelSettings(YamlFields yaml, String name, Secrets secrets) {

    public Path file() {
        return yaml.file();
    }

    public boolean enabled() {
        return yaml.bool("enabled", true);
    }

    /** Rejects any field not in {@code fields}; {@code kind} and {@code enabled} are always allowed. */
    public void allow(Set<String> fields) {
        java.util.Set<String> known = new java.util.TreeSet<>(fields);
        known.add("kind");
        known.add("enabled");
        yaml.rejectUnknown(known);
    }

    /**
     * A required secret. It must come from {@code ${env:NAME}} or {@code ${file:/path}}: webhook secrets and API tokens
     * guard an internet-facing door, so a value written into the config file itself is refused. A disabled channel
     * (a shipped example) needs no secret to be present; the result is then null.
     */
    public Secret secret(String field) {
        String raw = yaml.requiredString(field);
        if (raw == null || !enabled()) {
            return null;
        }
        if (!Secrets.isReference(raw)) {
            yaml.problem(field, "must be ${env:NAME} or ${file:/path}; a secret is never written into a config file");
            return null;
        }
        return secrets.resolve(raw, yaml, field);
    }

    /** An optional secret, same rules as {@link #secret}; null when absent. */
    public Secret optionalSecret(String field) {
        return yaml.has(field) ? secret(field) : null;
    }
}
