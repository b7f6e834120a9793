package dev.gatehouse.compliance.kyc;

import dev.gatehouse.accounts.AccountsException;

import java.util.Locale;

/** Where a screening case stands: {@code open} until compliance decides {@code true_match} or {@code false_positive}. */
public enum CaseStatus {
    OPEN, TRUE_MATCH, FALSE_POSITIVE;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    /** The wire form, case-insensitive; an unknown value is invalid input on {@code field}. */
    public static CaseStatus parse(String field, String value) {
        for (CaseStatus s : values()) if (s.wire().equalsIgnoreCase(value == null ? "" : value.strip())) return s;
        throw new AccountsException.Invalid(field, field + " must be open, true_match or false_positive, not '" + value + "'");
    }
}
