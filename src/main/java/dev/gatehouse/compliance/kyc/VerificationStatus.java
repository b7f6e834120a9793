package dev.gatehouse.compliance.kyc;

import dev.gatehouse.accounts.AccountsException;

import java.util.Locale;
import java.util.Set;

/** The verification lifecycle: unverified → pending_review → verified | rejected; a decided record may go back to review. */
public enum VerificationStatus {
    UNVERIFIED, PENDING_REVIEW, VERIFIED, REJECTED;

    // computed once: wire() is asked on every request (policy facts, audit entries)
    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() { return wire; }

    public static VerificationStatus parse(String value) {
        for (VerificationStatus s : values()) if (s.wire().equalsIgnoreCase(value == null ? "" : value.strip())) return s;
        throw new AccountsException.Invalid("status", "status must be unverified, pending_review, verified or rejected, not '" + value + "'");
    }

    /** Whether a record in this state may move to {@code next}. */
    public boolean mayBecome(VerificationStatus next) {
        return switch (this) {
            case UNVERIFIED -> next == PENDING_REVIEW;
            case PENDING_REVIEW -> Set.of(VERIFIED, REJECTED, UNVERIFIED).contains(next);
            case VERIFIED, REJECTED -> next == PENDING_REVIEW;
        };
    }
}
