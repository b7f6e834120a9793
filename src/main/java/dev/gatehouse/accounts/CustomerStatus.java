package dev.gatehouse.accounts;

/** Where a customer stands. Only {@code active} customers' keys may call the gateway; {@code closed} is final. Written in lower case in the store and on the wire. */
public enum CustomerStatus {
    PENDING, ACTIVE, SUSPENDED, CLOSED;

    public String wire() { return Validate.wire(this); }

    /** Parses the wire form (case-insensitive); an unknown value is an {@link AccountsException.Invalid} on {@code status}. */
    public static CustomerStatus parse(String value) { return Validate.oneOf("status", CustomerStatus.class, value); }
}
