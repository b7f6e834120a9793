package dev.gatehouse.limits;

/**
 * Input that the limits and credits stores refuse (a negative limit, an unknown currency, a zero
 * amount). Names the offending field so the admin API can answer 400 with it; nothing was changed.
 */
public final class ValidationException extends RuntimeException {
    private final String field;

    public ValidationException(String field, String message) {
        super(message, null, false, false); // an expected outcome, not a bug: no stack trace
        this.field = field;
    }

    /** The field in the admin API's snake_case, e.g. {@code requests_per_minute}. */
    public String field() { return field; }
}
