package org.inboundrouter.ops;

import org.inboundrouter.config.AppSettings;

import java.time.Duration;

/** Durations in the settings' notation (see {@link AppSettings#parseDuration}), and rounded for people. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String key, String value) {
        Duration parsed = AppSettings.parseDuration(value);
        if (parsed == null) {
            throw new IllegalArgumentException(key + ": must be a duration such as 30s, 15m or 2h, was \""
                    + value.trim() + "\"");
        }
        return parsed;
    }

    /** Rounded for people: {@code 45s}, {@code 12m}, {@code 3h 5m}. */
    static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return (s / 60) + "m";
        }
        return (s / 3600) + "h " + (s % 3600) / 60 + "m";
    }
}
