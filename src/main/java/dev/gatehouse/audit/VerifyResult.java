package dev.gatehouse.audit;

/** What {@link AuditVerifier#verify()} found: the whole chain sound, or the first place it is not. */
public sealed interface VerifyResult {
    record Ok(long entries, long checkpoints) implements VerifyResult {}

    /** {@code firstBadSeq}: the first seq that is edited, missing, out of place, or wrongly checkpointed. */
    record Broken(long firstBadSeq, String reason) implements VerifyResult {}
}
