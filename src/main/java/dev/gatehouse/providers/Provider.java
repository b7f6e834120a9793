package dev.gatehouse.providers;

import dev.gatehouse.config.Timeouts;

/**
 * One configured upstream account, ready to use.
 *
 * @param name     the key under {@code providers:} in the config
 * @param type     the dialect or preset it was built from
 * @param adapter  its dialect
 * @param timeouts its timeouts, if the config set any (route and global defaults fill the rest)
 * @param maxConnections the most connections the gateway keeps open to this provider
 */
public record Provider(String name, String type, ProviderAdapter adapter, Timeouts timeouts, int maxConnections) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    /** What factories build; the registry applies {@code max_connections} from the config. */
    public Provider(String name, String type, ProviderAdapter adapter, Timeouts timeouts) {
        this(name, type, adapter, timeouts, DEFAULT_MAX_CONNECTIONS);
    }
}
