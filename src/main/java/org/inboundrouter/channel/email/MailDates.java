package org.inboundrouter.channel.email;

import jakarta.mail.internet.MailDateFormat;

import java.text.ParsePosition;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lenient Date header parsing: RFC 5322 as angus reads it, then the formats broken mailers write. */
final class MailDates {

    /* Zone names Chinese and other mailers write where RFC 5322 wants an offset. */
    private static final Map<String, String> ZONES = Map.of("CST", "+0800", "HKT", "+0800", "SGT", "+0800",
            "BJT", "+0800", "JST", "+0900", "KST", "+0900", "CET", "+0100", "CEST", "+0200", "BST", "+0100",
            "IST", "+0530");
    private static final List<DateTimeFormatter> FALLBACKS = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss] Z", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss] XXX", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm[:ss] Z", Locale.ROOT),
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy Z", Locale.ROOT),
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss Z yyyy", Locale.ROOT),
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm[:ss] Z", Locale.ROOT));

    private MailDates() {
    }

    /** The instant, or null when nothing readable is there. */
    static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.replaceAll("\\([^()]*\\)", "").replaceAll("\\s*:\\s*", ":").replaceAll("\\s+", " ").trim();
        for (Map.Entry<String, String> zone : ZONES.entrySet()) {
            v = v.replaceAll("(?<=\\d) " + zone.getKey() + "$", " " + zone.getValue());
        }
        Instant instant = rfc5322(v);
        if (instant == null) {
            instant = rfc5322(v.replaceAll("^[A-Za-z]+,?\\s*", "")); // a misspelt day name
        }
        if (instant != null) {
            return instant;
        }
        for (DateTimeFormatter f : FALLBACKS) {
            try {
                return ZonedDateTime.parse(v, f).toInstant();
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // a zoneless ISO date: take it as UTC rather than drop it
        }
        try {
            return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant rfc5322(String v) {
        try {
            Date date = new MailDateFormat().parse(v, new ParsePosition(0));
            return date == null ? null : date.toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
