package dev.gatehouse.compliance.kyc;

import java.time.Instant;
import java.util.List;

/**
 * A hit compliance must look at. {@code suspends}: the hit was in the block band, so the customer
 * was suspended pending this review. {@code entryHash} is the hash of the list entry's names when
 * the case opened; a false positive stays cleared until they change. {@code decisions} oldest first.
 */
public record ScreeningCase(String id, String customerId, String runId, RunHit hit, String entryHash, boolean suspends,
                            CaseStatus status, Instant openedAt, List<CaseDecision> decisions) {
    public ScreeningCase {
        decisions = List.copyOf(decisions);
    }
}
