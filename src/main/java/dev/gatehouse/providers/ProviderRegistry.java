package dev.gatehouse.providers;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ProviderConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the factory for each provider {@code type} among those on the class path. */
public final class ProviderRegistry {
    private final Map<String, ProviderFactory> byType = new HashMap<>();

    public ProviderRegistry() {
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) {
            for (String t : f.types()) {
                ProviderFactory previous = byType.put(t, f);
                if (previous != null && previous.getClass() != f.getClass()) {
                    throw new IllegalStateException("two provider factories claim type " + t);
                }
            }
        }
    }

    public Provider create(String name, ProviderConfig config) {
        if (config == null) throw new ConfigException("providers." + name + ": empty provider block");
        if (config.type() == null) {
            throw new ConfigException("providers." + name + ": 'type' is required; one of " + new TreeSet<>(byType.keySet()));
        }
        ProviderFactory f = byType.get(config.type());
        if (f == null) {
            throw new ConfigException("providers." + name + ": unknown type '" + config.type() + "'; one of "
                    + new TreeSet<>(byType.keySet()));
        }
        Provider p = f.create(name, config);
        if (config.maxConnections() == null) return p;
        if (config.maxConnections() < 1) throw new ConfigException("providers." + name + ".max_connections must be at least 1");
        return new Provider(p.name(), p.type(), p.adapter(), p.timeouts(), config.maxConnections());
    }
}
