package dev.gatehouse.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Times on the command line: an ISO instant ({@code 2027-01-01T00:00:00Z}), an offset time, or a UTC date. */
final class Times {
    private Times() {}

    static Instant parse(String text, String option) {
        String t = text.strip();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant(); // a date is its UTC midnight
                } catch (DateTimeParseException notDate) {
                    throw new CliInputException(option,
                            "must be a date (2026-11-01) or an ISO time (2026-11-01T08:00:00Z), not '" + text + "'");
                }
            }
        }
    }

    static Instant parseOrNull(String text, String option) {
        return text == null ? null : parse(text, option);
    }
}
