package dev.gatehouse.accounts;

/** What a console user or an admin key may do in the admin API. Written in lower case in the store and on the wire. */
public enum Role {
    OWNER, ADMIN, COMPLIANCE, VIEWER;

    public String wire() { return Validate.wire(this); }

    /** Parses the wire form (case-insensitive); an unknown value is an {@link AccountsException.Invalid} on {@code role}. */
    public static Role parse(String value) { return Validate.oneOf("role", Role.class, value); }
}
