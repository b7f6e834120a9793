package dev.gatehouse.accounts;

/** A {@code client} key calls the gateway's /v1 API; an {@code admin} key calls /admin/v1 with a role. Written in lower case in the store and on the wire. */
public enum KeyKind {
    CLIENT, ADMIN;

    public String wire() { return Validate.wire(this); }

    /** Parses the wire form (case-insensitive); an unknown value is an {@link AccountsException.Invalid} on {@code kind}. */
    public static KeyKind parse(String value) { return Validate.oneOf("kind", KeyKind.class, value); }
}
