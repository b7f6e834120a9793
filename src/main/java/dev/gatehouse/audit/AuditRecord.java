package dev.gatehouse.audit;

import java.time.Instant;

/**
 * An entry as stored: its place in the chain, when, and the hashes that link it. A {@code purged}
 * entry's body (actor, action, subject, before/after) was erased by a retention purge.
 */
public record AuditRecord(long seq, Instant ts, AuditEntry entry, String prevHash, String hash, boolean purged) {}
