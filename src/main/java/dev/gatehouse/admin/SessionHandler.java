package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.accounts.Customer;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.User;
import dev.gatehouse.compliance.kyc.AccessIpRecorder;
import dev.gatehouse.config.Secret;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;

import java.util.Optional;

/**
 * Console sign-in and sign-out. A failed sign-in says only that the email or password is wrong
 * (the store spends the same time on an unknown email), so emails cannot be enumerated.
 */
final class SessionHandler {
    private final Subsystems s;
    private final Sessions sessions;

    SessionHandler(Subsystems s, Sessions sessions) {
        this.s = s;
        this.sessions = sessions;
    }

    void routes(Router.Builder b) {
        b.add(HttpMethod.POST, "/session", Access.PUBLIC, this::signIn);
        b.add(HttpMethod.DELETE, "/session", Access.PUBLIC, this::signOut);
        b.add(HttpMethod.GET, "/session", Access.READ, this::whoAmI);
    }

    private Future<Reply> signIn(AdminRequest r) {
        Input in = r.input("email", "password");
        String email = in.text("email");
        String password = in.text("password");
        if (password.isBlank()) return Future.failedFuture(refused());
        return s.blocking().run(() -> {
            Optional<User> user = s.users().verifyPassword(email, new Secret(password));
            if (user.isEmpty()) throw refused();
            if (user.get().customerId() != null) {
                Customer c = s.customers().get(user.get().customerId()).orElseThrow(SessionHandler::refused);
                if (c.status() == CustomerStatus.SUSPENDED || c.status() == CustomerStatus.CLOSED) throw Authenticator.inactive(c.status());
            }
            return user.get();
        }).map(user -> {
            if (user.customerId() != null) { // signing in to administer the account
                s.accessIps().note(user.customerId(), r.http(), AccessIpRecorder.ADMIN);
            }
            Sessions.Opened o = sessions.open(user);
            ObjectNode body = Views.object().put("token", o.token());
            Views.time(body, "expires_at", o.session().expiresAt());
            body.set("user", Views.user(user));
            return Reply.ok(body).withCookie(cookie(o.token(), Sessions.LIFETIME.toSeconds(), r.http().isSSL()));
        });
    }

    private Future<Reply> signOut(AdminRequest r) {
        sessions.close(Authenticator.presented(r.http()));
        return Future.succeededFuture(Reply.noContent().withCookie(cookie("", 0, r.http().isSSL())));
    }

    private Future<Reply> whoAmI(AdminRequest r) {
        Principal p = r.principal();
        return Future.succeededFuture(Reply.ok(Views.object()
                .put("kind", p.kind() == Principal.Kind.SESSION ? "session" : "admin_key").put("id", p.id())
                .put("customer_id", p.customerId()).put("role", p.role().wire())));
    }

    /** HttpOnly and SameSite=Strict always; Secure when the request came over TLS (a plain-HTTP browser would drop it). */
    private static Cookie cookie(String value, long maxAgeSeconds, boolean secure) {
        return Cookie.cookie(Authenticator.COOKIE, value).setPath(Router.BASE).setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.STRICT).setMaxAge(maxAgeSeconds);
    }

    private static dev.gatehouse.api.GatewayException refused() {
        return Authenticator.unauthorized("Incorrect email or password.");
    }
}
