package dev.gatehouse.compliance.screening;

import java.time.Instant;

/** A list in force: its date, content hash, size and when it was imported. */
public record ListStatus(String list, String date, String sha256, String source, int entryCount, Instant importedAt) {}
