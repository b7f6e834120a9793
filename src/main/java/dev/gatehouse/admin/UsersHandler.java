package dev.gatehouse.admin;

import dev.gatehouse.accounts.NewUser;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.accounts.User;
import dev.gatehouse.config.Secret;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.util.Optional;

/**
 * Console users: a customer's under {@code /customers/{customer_id}/users}, the operator's staff
 * under {@code /operator/users}. Disabling signs the user out of this instance at once.
 */
final class UsersHandler {
    private final Subsystems s;
    private final Sessions sessions;

    UsersHandler(Subsystems s, Sessions sessions) {
        this.s = s;
        this.sessions = sessions;
    }

    void routes(Router.Builder b) {
        b.add(HttpMethod.POST, "/customers/{customer_id}/users", Access.WRITE, r -> create(r, r.customerId()));
        b.add(HttpMethod.GET, "/customers/{customer_id}/users", Access.READ, r -> list(r.customerId()));
        b.add(HttpMethod.POST, "/customers/{customer_id}/users/{user_id}/disable", Access.WRITE, r -> disable(r, r.customerId()));
        b.add(HttpMethod.POST, "/operator/users", Access.OPERATOR_WRITE, r -> create(r, null));
        b.add(HttpMethod.GET, "/operator/users", Access.OPERATOR_READ, r -> list(null));
        b.add(HttpMethod.POST, "/operator/users/{user_id}/disable", Access.OPERATOR_WRITE, r -> disable(r, null));
    }

    private Future<Reply> create(AdminRequest r, String customerId) {
        Input in = r.input("email", "password", "role");
        String email = in.text("email");
        Secret password = Roles.secret(in, "password");
        Role role = Roles.parse(in, "role");
        Roles.mayManage(r.principal(), role);
        return s.blocking().run(() -> s.users().create(new NewUser(customerId, email, password, role)))
                .map(u -> Reply.created(Views.user(u)));
    }

    private Future<Reply> list(String customerId) {
        return s.blocking().run(() -> s.users().listForCustomer(customerId)).map(l -> Reply.ok(Views.list(l, Views::user)));
    }

    private Future<Reply> disable(AdminRequest r, String customerId) {
        String id = r.path("user_id");
        return s.blocking().run(() -> {
            // null customer: staff only, so an operator path cannot reach a customer's user and vice versa
            Optional<User> u = s.users().get(id).filter(x -> java.util.Objects.equals(x.customerId(), customerId));
            if (u.isEmpty()) throw AdminErrors.notFound("user " + id);
            Roles.mayManage(r.principal(), u.get().role());
            User disabled = s.users().disable(id);
            sessions.closeAllOf(id);
            return disabled;
        }).map(u -> Reply.ok(Views.user(u)));
    }
}
