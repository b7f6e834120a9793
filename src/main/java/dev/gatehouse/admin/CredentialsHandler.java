package dev.gatehouse.admin;

import dev.gatehouse.config.Secret;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

/** Upstream provider credentials: written and deleted by the operator; only their names are ever read back. */
final class CredentialsHandler {
    private final Subsystems s;

    CredentialsHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        b.add(HttpMethod.PUT, "/credentials/{provider}/{name}", Access.OPERATOR_WRITE, this::put);
        b.add(HttpMethod.GET, "/credentials", Access.OPERATOR_READ,
                r -> s.blocking().run(() -> s.credentials().list()).map(l -> Reply.ok(Views.list(l, Views::credential))));
        b.add(HttpMethod.DELETE, "/credentials/{provider}/{name}", Access.OPERATOR_WRITE, this::delete);
    }

    private Future<Reply> put(AdminRequest r) {
        Secret value = Roles.secret(r.input("value"), "value");
        return s.blocking().run(() -> s.credentials().put(r.path("provider"), r.path("name"), value))
                .map(c -> Reply.ok(Views.credential(c)));
    }

    private Future<Reply> delete(AdminRequest r) {
        String provider = r.path("provider");
        String name = r.path("name");
        return s.blocking().run(() -> s.credentials().delete(provider, name)).map(deleted -> {
            if (!deleted) throw AdminErrors.notFound("credential " + provider + "/" + name);
            return Reply.noContent();
        });
    }
}
