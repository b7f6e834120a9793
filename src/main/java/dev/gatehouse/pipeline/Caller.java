package dev.gatehouse.pipeline;

import java.util.Set;

/**
 * Who is calling, once authenticated: the key's id (never the key itself), its display name, the
 * customer and project it belongs to (null for keys from the config file), and the routes it may
 * use (null: all).
 */
public record Caller(String keyId, String name, String customerId, String projectId, Set<String> models) {

    /** A key from the config file: no customer, every route. */
    public static Caller configKey(String keyId, String name) {
        return new Caller(keyId, name, null, null, null);
    }

    public boolean mayUse(String route) {
        return models == null || models.contains(route);
    }
}
