package org.inboundrouter.http;

import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.ConfigProblem;
import org.inboundrouter.config.Secret;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.config.YamlFields;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The admin listener's bearer tokens, one a line in the tokens file ({@code inbound.admin.tokens}, by default
 * {@code config/admin-tokens}):
 *
 * <pre>
 * # name    role     token hash (or ${env:NAME} / ${file:/path} holding the token or its hash)
 * alice     operate  sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * grafana   read     ${file:/run/secrets/grafana-token}
 * </pre>
 *
 * A token is 32 random bytes, base64url ({@link #newToken()}); only its SHA-256 is kept. Tokens are high-entropy, so
 * a plain hash is enough (no password hashing); the comparison is constant-time all the same.
 */
public final class AdminTokens {

    /** What a token may do: {@code read} sees everything; {@code operate} also changes things. */
    public enum Role {
        READ, OPERATE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean allows(Role needed) {
            return compareTo(needed) >= 0;
        }

        static Role of(String s) {
            for (Role r : values()) {
                if (r.id().equals(s)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** One configured token: who it is, what it may do, the SHA-256 of the token. */
    public record Token(String name, Role role, byte[] hash) {
        @Override
        public String toString() {
            return name + " (" + role.id() + ")";
        }
    }

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern HASH = Pattern.compile("sha256:([0-9a-f]{64})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Token> tokens;

    public AdminTokens(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public static AdminTokens none() {
        return new AdminTokens(List.of());
    }

    public List<Token> tokens() {
        return tokens;
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** The token whose hash matches {@code presented}; every entry is compared, in constant time. */
    public Optional<Token> find(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented);
        Token found = null;
        for (Token t : tokens) {
            if (MessageDigest.isEqual(hash, t.hash()) && found == null) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    /** A fresh token: 32 random bytes, base64url without padding (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code sha256:<hex>} of a token: what the tokens file keeps. */
    public static String hashOf(String token) {
        return "sha256:" + HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the tokens file; a missing file is no tokens. Every malformed line is reported with its number. */
    public static AdminTokens load(Path file, Secrets secrets) {
        if (!Files.exists(file)) {
            return none();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, null, "cannot read: " + e.getMessage())));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                problems.add(new ConfigProblem(file, n, null, "expected three fields, name role sha256:HASH (or"
                        + " ${env:NAME} / ${file:/path}), found " + f.length));
                continue;
            }
            if (!NAME.matcher(f[0]).matches()) {
                problems.add(new ConfigProblem(file, n, "name", "must be letters, digits and . _ @ - (up to 64),"
                        + " was \"" + f[0] + "\""));
                continue;
            }
            if (!names.add(f[0])) {
                problems.add(new ConfigProblem(file, n, "name", f[0] + " is named twice"));
                continue;
            }
            Role role = Role.of(f[1]);
            if (role == null) {
                problems.add(new ConfigProblem(file, n, "role", "must be read or operate, was \"" + f[1] + "\""));
                continue;
            }
            byte[] hash = hash(f[2], file, n, secrets, problems);
            if (hash != null) {
                tokens.add(new Token(f[0], role, hash));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AdminTokens(tokens);
    }

    private static byte[] hash(String field, Path file, int line, Secrets secrets, List<ConfigProblem> problems) {
        String value = field;
        if (Secrets.isReference(field)) {
            YamlFields reporter = YamlFields.detached(file);
            Secret secret = secrets.resolve(field, reporter, "token");
            if (secret == null) {
                reporter.problems().forEach(p -> problems.add(new ConfigProblem(file, line, p.field(), p.message())));
                return null;
            }
            value = secret.value().strip();
            if (!HASH.matcher(value).matches()) {
                // the secret is the token itself
                if (value.length() < 32) {
                    problems.add(new ConfigProblem(file, line, "token", secret.source()
                            + " holds neither sha256:HASH nor a token of at least 32 characters"));
                    return null;
                }
                return sha256(value);
            }
        }
        var m = HASH.matcher(value);
        if (!m.matches()) {
            // never echo the value: someone may have pasted the token itself
            problems.add(new ConfigProblem(file, line, "token", "must be sha256: and 64 lower-case hex digits (as"
                    + " printed by inbound-router token create), or ${env:NAME} / ${file:/path}"));
            return null;
        }
        return HexFormat.of().parseHex(m.group(1));
    }
}
