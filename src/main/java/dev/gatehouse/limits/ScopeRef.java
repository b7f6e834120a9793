package dev.gatehouse.limits;

import java.util.Locale;
import java.util.Objects;

/** One thing limits apply to: a key, a project or a customer, by id. */
public record ScopeRef(Kind kind, String id) {

    public enum Kind {
        KEY, PROJECT, CUSTOMER;

        public String dbName() { return name().toLowerCase(Locale.ROOT); }

        public static Kind parse(String value) {
            for (Kind k : values()) if (k.dbName().equalsIgnoreCase(value)) return k;
            throw new ValidationException("scope", "scope must be key, project or customer, not '" + value + "'");
        }
    }

    public ScopeRef {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) throw new ValidationException("scope_id", "scope_id is required");
        if (id.length() > 40) throw new ValidationException("scope_id", "scope_id is longer than 40 characters");
    }

    public static ScopeRef key(String id) { return new ScopeRef(Kind.KEY, id); }
    public static ScopeRef project(String id) { return new ScopeRef(Kind.PROJECT, id); }
    public static ScopeRef customer(String id) { return new ScopeRef(Kind.CUSTOMER, id); }

    /** The limiter's counter key, e.g. {@code key:key_0a1b2c3d4e5f}. */
    public String counterKey() { return kind.dbName() + ":" + id; }

    /** How error messages name the scope, e.g. {@code key key_0a1b...'s} without the possessive. */
    public String describe() { return kind.dbName() + " " + id; }

    @Override
    public String toString() { return counterKey(); }
}
