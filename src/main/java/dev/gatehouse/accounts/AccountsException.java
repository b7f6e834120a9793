package dev.gatehouse.accounts;

/**
 * A request to the accounts stores that cannot be carried out, naming the field at fault so the
 * admin API can answer 400 (invalid), 409 (duplicate) or 404 (not found) with a precise message.
 * Messages never contain secrets.
 */
public abstract sealed class AccountsException extends RuntimeException
        permits AccountsException.Invalid, AccountsException.Duplicate, AccountsException.NotFound {
    private final String field;

    private AccountsException(String field, String message) {
        super(message, null, false, false); // expected outcomes, not bugs: no stack trace
        this.field = field;
    }

    /** The input field at fault, e.g. {@code country}, {@code models[2]} or {@code customer_id}. */
    public String field() { return field; }

    /** The input breaks a rule (length, shape, unknown value). */
    public static final class Invalid extends AccountsException {
        public Invalid(String field, String message) { super(field, message); }
    }

    /** The input names something that already exists (a customer's name, a user's email). */
    public static final class Duplicate extends AccountsException {
        public Duplicate(String field, String message) { super(field, message); }
    }

    /** The input names something that does not exist, or not for this customer. */
    public static final class NotFound extends AccountsException {
        public NotFound(String field, String message) { super(field, message); }
    }
}
