package org.inboundrouter.classify.entity;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A date and/or time of day mentioned in a message (usually when the transaction happened).
 *
 * @param text     as written (5月3日下午3点, 2024-05-03 15:04, yesterday)
 * @param start    offset of the first char of {@code text} in the message text (inclusive)
 * @param end      offset after its last char (exclusive)
 * @param date     the day; null when the text gives none (下午3点), when it is relative and no receivedAt was
 *                 given, or when day and month cannot be told apart (05/03/2024)
 * @param time     the time of day, 24-hour (下午3点半 is 15:30); null when the text gives none
 * @param relative true when the day depends on when the message was received: 昨天, yesterday, 3天前, and dates
 *                 without a year (5月3日, May 3)
 */
public record DateTimeMention(String text, int start, int end, LocalDate date, LocalTime time, boolean relative) {
}
