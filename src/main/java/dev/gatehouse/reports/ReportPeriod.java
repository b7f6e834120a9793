package dev.gatehouse.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The days a report covers, both inclusive, in UTC: {@code 2026-01-01} to {@code 2026-12-31} is the
 * whole of 2026, from {@link #start()} (2026-01-01T00:00:00Z, inclusive) to {@link #end()}
 * (2027-01-01T00:00:00Z, exclusive). {@code from == to} is one day.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 9998;

    public ReportPeriod {
        if (to.isBefore(from)) throw new ReportInputException("to", "is before from: " + to + " < " + from);
    }

    /** Midnight UTC at the start of {@code from}: the first instant covered. */
    public Instant start() { return from.atStartOfDay(ZoneOffset.UTC).toInstant(); }

    /** Midnight UTC after {@code to}: the first instant no longer covered. */
    public Instant end() { return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(); }

    /** The period of two dates as typed; null when neither is given; one without the other is refused. */
    public static ReportPeriod parse(String from, String to) {
        boolean hasFrom = from != null && !from.isBlank();
        boolean hasTo = to != null && !to.isBlank();
        if (!hasFrom && !hasTo) return null;
        if (!hasFrom) throw new ReportInputException("from", "is required with to: a period has both ends (dates, UTC, inclusive)");
        if (!hasTo) throw new ReportInputException("to", "is required with from: a period has both ends (dates, UTC, inclusive)");
        return new ReportPeriod(date(from, "from"), date(to, "to"));
    }

    private static LocalDate date(String text, String field) {
        String t = text.strip();
        try {
            if (DATE.matcher(t).matches()) {
                LocalDate d = LocalDate.parse(t);
                if (d.getYear() >= FIRST_YEAR && d.getYear() <= LAST_YEAR) return d;
            }
        } catch (DateTimeParseException e) {
            // reported below, with the expected form
        }
        throw new ReportInputException(field, "must be a date such as 2026-01-31 (UTC, from " + FIRST_YEAR + " to " + LAST_YEAR
                + "), not '" + text + "'");
    }
}
