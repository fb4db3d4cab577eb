package org.inboundrouter.http;

import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * The tokens file as the running daemon sees it: read at start, and again when it changes (looked at no more than once
 * a second, when a request needs it), so that {@code inbound-router token create} takes effect without a restart. A
 * changed file with problems is reported and the tokens in force stay.
 */
final class TokenFile {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final Path file;
    private final Secrets secrets;
    private volatile AdminTokens tokens;
    private volatile Object stamp;
    private volatile long checkedAt;

    TokenFile(Path file, Secrets secrets) {
        this.file = file;
        this.secrets = secrets;
        this.stamp = stamp();
        this.tokens = AdminTokens.load(file, secrets);
        this.checkedAt = System.nanoTime();
    }

    Path file() {
        return file;
    }

    AdminTokens current() {
        long now = System.nanoTime();
        if (now - checkedAt >= CHECK_EVERY_NANOS) {
            checkedAt = now;
            Object s = stamp();
            if (!Objects.equals(s, stamp)) {
                synchronized (this) {
                    if (!Objects.equals(s, stamp)) {
                        stamp = s;
                        try {
                            tokens = AdminTokens.load(file, secrets);
                            LOG.info("Admin tokens: {} read again, {} token{}", file, tokens.tokens().size(),
                                    tokens.tokens().size() == 1 ? "" : "s");
                        } catch (ConfigException e) {
                            LOG.warn("Admin tokens: {} has problems, the tokens in force stay: {}", file,
                                    e.getMessage().replace('\n', ';'));
                        }
                    }
                }
            }
        }
        return tokens;
    }

    private Object stamp() {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            return t.toMillis() + ":" + Files.size(file);
        } catch (IOException e) {
            return null;
        }
    }
}
