package dev.gatehouse.accounts;

/** Whether a customer is a person or an organisation (some providers serve enterprises only). Written in lower case in the store and on the wire. */
public enum CustomerKind {
    INDIVIDUAL, ENTERPRISE;

    public String wire() { return Validate.wire(this); }

    /** Parses the wire form (case-insensitive); an unknown value is an {@link AccountsException.Invalid} on {@code kind}. */
    public static CustomerKind parse(String value) { return Validate.oneOf("kind", CustomerKind.class, value); }
}
