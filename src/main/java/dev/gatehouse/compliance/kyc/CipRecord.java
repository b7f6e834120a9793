package dev.gatehouse.compliance.kyc;

import java.time.Instant;

/** One version of a customer's CIP record; version 0 (no changedAt) means none has been recorded yet. */
public record CipRecord(String customerId, int version, CipDetails details, String changedBy, Instant changedAt) {
    static CipRecord none(String customerId) { return new CipRecord(customerId, 0, CipDetails.EMPTY, null, null); }
}
