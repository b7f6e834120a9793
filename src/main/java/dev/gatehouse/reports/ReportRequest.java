package dev.gatehouse.reports;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What a report is asked for: a period (null when none was given) and parameters by name, as
 * typed (CLI flags and query parameters alike). {@link Reports#run} has already refused
 * parameters the report does not take; each report parses its own with the helpers here.
 */
public record ReportRequest(ReportPeriod period, Map<String, String> params) {
    private static final int NANO_DIGITS = 9;

    public ReportRequest {
        params = Map.copyOf(params);
    }

    public static ReportRequest of(ReportPeriod period) { return new ReportRequest(period, Map.of()); }

    /** A whole number of at least 0, or {@code fallback} when not given. */
    public long count(String name, long fallback) {
        String v = params.get(name);
        if (v == null) return fallback;
        try {
            long n = Long.parseLong(v.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ReportInputException(name, "must be a whole number of at least 0, not '" + v + "'");
    }

    /** A decimal amount of at least 0 with at most 9 decimals, as nano-units (1e-9), or {@code fallback} when not given. */
    public long amountNanos(String name, long fallback) {
        String v = params.get(name);
        if (v == null) return fallback;
        try {
            BigDecimal amount = new BigDecimal(v.strip());
            if (amount.signum() >= 0 && amount.stripTrailingZeros().scale() <= NANO_DIGITS) {
                return amount.movePointRight(NANO_DIGITS).longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new ReportInputException(name, "must be a decimal amount of at least 0 such as 10000.00 (at most 9 decimals), not '" + v + "'");
    }
}
