package dev.gatehouse.compliance.kyc;

import java.time.Instant;
import java.time.LocalDate;

/** One step of a customer's verification, kept as history: who decided, when, on what evidence, when to verify again. */
public record Verification(String id, String customerId, VerificationStatus status, String decidedBy, Instant decidedAt,
                           String evidence, LocalDate reverifyOn, String note) {
    static Verification initial(String customerId) {
        return new Verification(null, customerId, VerificationStatus.UNVERIFIED, null, null, "", null, null);
    }
}
