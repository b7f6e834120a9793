package dev.gatehouse.accounts;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Input rules shared by the stores. Each failure names the field, never echoes a secret. */
final class Validate {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    // Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is the mailer's job.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{4,40}");

    private Validate() {}

    /** A required text, trimmed, 1..max characters, no control characters. */
    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) throw new AccountsException.Invalid(field, field + " is required");
        String v = value.strip();
        if (v.length() > max) throw new AccountsException.Invalid(field, field + " must be at most " + max + " characters");
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw new AccountsException.Invalid(field, field + " must not contain control characters");
        }
        return v;
    }

    static String optionalText(String field, String value, int max) {
        return value == null || value.isBlank() ? null : text(field, value, max);
    }

    static String email(String field, String value) {
        String v = text(field, value, 320);
        if (!EMAIL.matcher(v).matches()) throw new AccountsException.Invalid(field, field + " is not an email address");
        return v.toLowerCase(Locale.ROOT);
    }

    static String optionalEmail(String field, String value) {
        return value == null || value.isBlank() ? null : email(field, value);
    }

    static String optionalPhone(String field, String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        if (!PHONE.matcher(v).matches()) {
            throw new AccountsException.Invalid(field, field + " must be a phone number like +44 20 7946 0958");
        }
        return v;
    }

    /** An ISO 3166-1 alpha-2 code, returned upper-case. */
    static String country(String field, String value) {
        String v = text(field, value, 2).toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(v)) {
            throw new AccountsException.Invalid(field, field + " must be an ISO 3166-1 alpha-2 code such as DE or CN, not '" + value.strip() + "'");
        }
        return v;
    }

    static <T> T required(String field, T value) {
        if (value == null) throw new AccountsException.Invalid(field, field + " is required");
        return value;
    }

    /** The enum constant whose lower-case name is {@code value}; the error lists the allowed values. */
    static <E extends Enum<E>> E oneOf(String field, Class<E> type, String value) {
        if (value != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value.strip())) return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (!allowed.isEmpty()) allowed.append(", ");
            allowed.append(wire(e));
        }
        throw new AccountsException.Invalid(field, field + " must be one of " + allowed + (value == null ? "" : ", not '" + value + "'"));
    }

    /** How enum values are written in the store and on the wire: lower case. */
    static String wire(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
