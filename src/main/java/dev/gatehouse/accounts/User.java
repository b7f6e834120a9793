package dev.gatehouse.accounts;

import java.time.Instant;

/**
 * A console user. {@code customerId} is null for the gateway operator's own staff. The password
 * hash never leaves {@link UserStore}.
 */
public record User(String id, String customerId, String email, Role role, Instant createdAt, Instant disabledAt) {
    public boolean disabled() { return disabledAt != null; }
}
