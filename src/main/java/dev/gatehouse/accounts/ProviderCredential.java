package dev.gatehouse.accounts;

import java.time.Instant;

/** An upstream credential's description. The secret itself is only ever returned by {@link CredentialStore#reveal}. */
public record ProviderCredential(String id, String provider, String name, Instant createdAt, Instant updatedAt) {
}
