package dev.gatehouse.accounts;

import dev.gatehouse.config.Secret;

/**
 * A key just created, with its secret: the only time the secret exists outside the client, so
 * show it once and drop it. {@code toString} masks the secret.
 */
public record CreatedKey(ApiKey key, Secret secret) {
}
