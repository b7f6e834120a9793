package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.accounts.ApiKey;
import dev.gatehouse.accounts.CreatedKey;
import dev.gatehouse.accounts.KeyKind;
import dev.gatehouse.accounts.NewApiKey;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Virtual keys: a customer's client and admin keys, and the operator's own admin keys under
 * {@code /operator/keys}. The secret appears once, in the creation response, as {@code secret}.
 */
final class KeysHandler {
    private final Subsystems s;

    KeysHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        b.add(HttpMethod.POST, "/customers/{customer_id}/keys", Access.WRITE, this::createForCustomer);
        b.add(HttpMethod.GET, "/customers/{customer_id}/keys", Access.READ,
                r -> s.blocking().run(() -> s.keys().listForCustomer(r.customerId())).map(l -> Reply.ok(Views.list(l, Views::key))));
        b.add(HttpMethod.GET, "/customers/{customer_id}/keys/{key_id}", Access.READ,
                r -> s.blocking().run(() -> find(r.customerId(), r.path("key_id"))).map(k -> Reply.ok(Views.key(k))));
        b.add(HttpMethod.POST, "/customers/{customer_id}/keys/{key_id}/revoke", Access.WRITE, r -> revoke(r, r.customerId()));
        b.add(HttpMethod.POST, "/operator/keys", Access.OPERATOR_WRITE, this::createForOperator);
        b.add(HttpMethod.GET, "/operator/keys", Access.OPERATOR_READ,
                r -> s.blocking().run(() -> s.keys().listOperatorKeys()).map(l -> Reply.ok(Views.list(l, Views::key))));
        b.add(HttpMethod.POST, "/operator/keys/{key_id}/revoke", Access.OPERATOR_WRITE, r -> revoke(r, null));
    }

    private Future<Reply> createForCustomer(AdminRequest r) {
        Input in = r.input("kind", "name", "project_id", "models", "expires_at", "role");
        KeyKind kind = in.has("kind") ? KeyKind.parse(in.text("kind")) : KeyKind.CLIENT;
        String name = in.optText("name");
        String projectId = in.optText("project_id");
        Set<String> models = in.optTextSet("models");
        Instant expiresAt = in.optInstant("expires_at");
        Role role = in.has("role") ? Roles.parse(in, "role") : null;
        if (role != null) Roles.mayManage(r.principal(), role);
        // the store checks the combinations (a client key has no role, an admin key no project or models)
        NewApiKey key = new NewApiKey(kind, name, r.customerId(), projectId, role, models, expiresAt);
        return create(key);
    }

    private Future<Reply> createForOperator(AdminRequest r) {
        Input in = r.input("name", "role");
        String name = in.optText("name");
        Role role = Roles.parse(in, "role");
        Roles.mayManage(r.principal(), role);
        return create(NewApiKey.admin(name, null, role));
    }

    private Future<Reply> create(NewApiKey key) {
        return s.blocking().run(() -> s.keys().create(key)).map(KeysHandler::shownOnce);
    }

    private Future<Reply> revoke(AdminRequest r, String customerId) {
        String id = r.path("key_id");
        return s.blocking().run(() -> {
            ApiKey k = find(customerId, id);
            if (k.role() != null) Roles.mayManage(r.principal(), k.role());
            return s.keys().revoke(id);
        }).map(k -> Reply.ok(Views.key(k)));
    }

    /** The key if it belongs to {@code customerId} (null: the operator's keys), else 404. */
    private ApiKey find(String customerId, String keyId) {
        return s.keys().get(keyId).filter(k -> Objects.equals(k.customerId(), customerId))
                .orElseThrow(() -> AdminErrors.notFound("key " + keyId));
    }

    private static Reply shownOnce(CreatedKey created) {
        ObjectNode body = Views.key(created.key());
        body.put("secret", created.secret().value());
        return Reply.created(body);
    }
}
