package dev.gatehouse.cli;

import java.math.BigDecimal;

/** Money on the command line: decimal currency units in, exact nano-units (1e-9) for the store, and back. */
final class Money {
    private static final int NANO_DIGITS = 9;

    private Money() {}

    /** Exact nano-units of a decimal amount such as {@code 10.00}; refuses negatives, more than 9 decimals and overflow. */
    static long nanos(String text, String option) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new CliInputException(option, "must be a decimal amount such as 10.00, not '" + text + "'");
        }
        if (amount.signum() < 0) throw new CliInputException(option, "must not be negative, not " + text);
        if (amount.stripTrailingZeros().scale() > NANO_DIGITS) {
            throw new CliInputException(option, "has more than " + NANO_DIGITS + " decimal places: " + text);
        }
        try {
            return amount.movePointRight(NANO_DIGITS).longValueExact();
        } catch (ArithmeticException e) {
            throw new CliInputException(option, "is too large: " + text);
        }
    }

    /** Like {@link #nanos} but zero is refused too (top-ups, codes). */
    static long positiveNanos(String text, String option) {
        long n = nanos(text, option);
        if (n == 0) throw new CliInputException(option, "must be more than zero");
        return n;
    }

    /** Nano-units as a decimal amount with at least two decimals: {@code 10.00}, {@code 0.0000025}. */
    static String format(long nanos) {
        BigDecimal d = BigDecimal.valueOf(nanos, NANO_DIGITS).stripTrailingZeros();
        return (d.scale() < 2 ? d.setScale(2) : d).toPlainString();
    }
}
