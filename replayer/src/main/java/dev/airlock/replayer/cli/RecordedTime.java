package dev.airlock.replayer.cli;

import dev.airlock.format.Event;
import dev.airlock.format.EventKind;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The recorded time of events, for {@code airlock events --since/--until}: the last wall-clock value
 * the program read ({@code clock.millis} or {@code clock.instant}, on any thread) before the event in
 * journal order, or the recording's start before the first read. Journal order follows the threads'
 * flushes (every few milliseconds), so this is as fine as the program's own clock reads and no finer.
 */
final class RecordedTime {

    private long millis;

    RecordedTime(long startMillis) {
        this.millis = startMillis;
    }

    /** Advances with {@code event} when it is a wall-clock read; returns the time of that event. */
    long at(Event event) {
        if (event.kind() == EventKind.CLOCK_MILLIS) {
            millis = event.longValue();
        } else if (event.kind() == EventKind.INSTANT) {
            millis = event.longValue() * 1000 + event.nanos() / 1_000_000;
        }
        return millis;
    }

    /**
     * {@code TIME} as the options take it: an instant ({@code 2026-11-29T12:00:05Z}), a time of day in UTC
     * on the recording's start date ({@code 12:00:05.250}), or seconds after the start ({@code +5},
     * {@code +0.5}). Null for null.
     */
    static Long parse(String text, long startMillis, String option) {
        if (text == null) {
            return null;
        }
        try {
            if (text.startsWith("+")) {
                return startMillis + Math.round(Double.parseDouble(text.substring(1)) * 1000);
            }
            if (text.contains("T")) {
                return Instant.parse(text).toEpochMilli();
            }
            LocalTime time = LocalTime.parse(text);
            return Instant.ofEpochMilli(startMillis).atZone(ZoneOffset.UTC).toLocalDate().atTime(time)
                .toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes an instant (2026-11-29T12:00:05Z), a UTC time of day "
                + "(12:00:05.250) or seconds after the start (+5), not '" + text + "'");
        }
    }
}
