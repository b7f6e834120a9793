package dev.gatehouse.limits;

import java.util.Locale;

/** The currencies money is kept in (as nano-units: 1e-9 of the currency). */
public enum Currency {
    USD, CNY;

    /** Parses {@code usd}/{@code USD}/{@code cny}; anything else is a {@link ValidationException} on {@code field}. */
    public static Currency parse(String value, String field) {
        if (value != null) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through to the typed error below
            }
        }
        throw new ValidationException(field, field + " must be USD or CNY, not " + (value == null ? "nothing" : "'" + value + "'"));
    }
}
