package dev.gatehouse.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * A virtual API key as callers may see it: never the secret, never its hash. {@code prefix} is the
 * public start of the key (e.g. {@code gh-7kq2m9xa}) that people recognise it by. {@code models}
 * null means every route; {@code role} is set only for admin keys; {@code customerId} is null only
 * for the operator's own admin keys.
 */
public record ApiKey(String id, KeyKind kind, String prefix, String name, String customerId, String projectId,
                     Role role, Set<String> models, Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
                     Instant createdAt) {
    public ApiKey {
        models = models == null ? null : Set.copyOf(models);
    }

    public boolean revoked() { return revokedAt != null; }

    public boolean expiredAt(Instant now) { return expiresAt != null && !now.isBefore(expiresAt); }
}
