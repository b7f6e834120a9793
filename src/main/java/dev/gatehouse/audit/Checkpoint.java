package dev.gatehouse.audit;

import java.time.Instant;

/** A signed statement that the chain's entry {@code seq} has hash {@code hash}. */
public record Checkpoint(long seq, Instant ts, String hash, String signatureBase64, String keyId) {}
