package dev.gatehouse.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * What creating a key takes. A client key needs a customer, may name one of its projects, may be
 * limited to some routes ({@code models}, null: all) and may expire. An admin key needs a role and
 * no project; its customer is null for the operator's staff.
 */
public record NewApiKey(KeyKind kind, String name, String customerId, String projectId, Role role,
                        Set<String> models, Instant expiresAt) {

    public static NewApiKey client(String name, String customerId, String projectId, Set<String> models, Instant expiresAt) {
        return new NewApiKey(KeyKind.CLIENT, name, customerId, projectId, null, models, expiresAt);
    }

    public static NewApiKey admin(String name, String customerId, Role role) {
        return new NewApiKey(KeyKind.ADMIN, name, customerId, null, role, null, null);
    }
}
