package dev.gatehouse.compliance.kyc;

import java.time.Instant;

/** One decision on a case, kept as history: a later decision adds a row, it never overwrites one. */
public record CaseDecision(String id, String caseId, CaseStatus status, String decidedBy, Instant decidedAt, String reason) {
}
