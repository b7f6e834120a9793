package dev.gatehouse.providers;

import dev.gatehouse.config.ProviderConfig;

import java.util.Set;

/**
 * Creates adapters for the provider types it knows. Factories register themselves with
 * {@link java.util.ServiceLoader} (META-INF/services), so a new dialect is one new package.
 */
public interface ProviderFactory {

    /** The {@code type} values of the config this factory serves. */
    Set<String> types();

    /**
     * Builds the adapter of one configured provider; throws
     * {@link dev.gatehouse.config.ConfigException} naming {@code name} when the config is wrong.
     */
    Provider create(String name, ProviderConfig config);
}
