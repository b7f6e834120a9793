package dev.gatehouse.providers;

import dev.gatehouse.config.Timeouts;

/**
 * One configured upstream account, ready to use.
 *
 * @param name     the key under {@code providers:} in the config
 * @param type     the dialect or preset it was built from
 * @param adapter  its dialect
 * @param timeouts its timeouts, if the config set any (route and global defaults fill the rest)
 */
public record Provider(String name, String type, ProviderAdapter adapter, Timeouts timeouts) {
}
