package dev.gatehouse.accounts;

import dev.gatehouse.pipeline.Caller;

import java.time.Instant;
import java.util.Set;

/**
 * What the {@link KeyDirectory} knows of a presented key. Only a key whose secret matches is ever
 * reported as revoked, expired or blocked: a wrong secret with a known prefix is {@link Unknown}.
 */
public sealed interface KeyCheck {

    /** Not a key of the store (or a wrong secret): another authenticator may know it. */
    record Unknown() implements KeyCheck {}

    record Revoked(String keyId) implements KeyCheck {}

    record Expired(String keyId, Instant expiresAt) implements KeyCheck {}

    /** The key is good but its customer may not use the gateway now. */
    record CustomerInactive(String keyId, String customerId, CustomerStatus status) implements KeyCheck {}

    /** A usable key. {@code role} is set for admin keys; {@code models} null means every route. */
    record Valid(String keyId, KeyKind kind, String name, String customerId, String projectId, Role role,
                 Set<String> models) implements KeyCheck {
        /** The caller this key makes, for the request pipeline. */
        public Caller caller() {
            return new Caller(keyId, name != null ? name : keyId, customerId, projectId, models);
        }
    }
}
