package org.inboundrouter.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops one WARN that tells the operator nothing they can act on (logback-levels.xml installs it):
 *
 * <p>Flyway 10.20 warns "Flyway upgrade recommended: H2 2.3.232 is newer than this version of Flyway and support has
 * not been tested" at every start with the embedded store. The H2 version is not the operator's choice: the jar pins
 * it (pom.xml), and the build runs every migration on that H2 in its tests, so the combination is tested here even
 * if not by Flyway. Only this line is dropped; every other Flyway warning (a PostgreSQL newer or older than
 * Flyway supports, among them) still shows. Remove the filter once Flyway supports the pinned H2.
 */
public final class KnownWarningFilter extends TurboFilter {

    static final String FLYWAY_H2 = "Flyway upgrade recommended: H2 ";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (level == Level.WARN && format != null && format.startsWith(FLYWAY_H2)
                && logger.getName().startsWith("org.flywaydb.")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
