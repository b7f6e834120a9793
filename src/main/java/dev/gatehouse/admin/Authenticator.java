package dev.gatehouse.admin;

import dev.gatehouse.accounts.Customer;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.KeyCheck;
import dev.gatehouse.accounts.KeyKind;
import dev.gatehouse.accounts.User;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * Finds the principal of an admin call: an admin key from the in-memory key directory, or a
 * console session (bearer token or the {@code gh_session} cookie). A session of a customer's user
 * is refused once that customer is suspended or closed (a pending customer's users may still sign
 * in, to finish onboarding; its admin keys wait until it is active).
 */
final class Authenticator {
    static final String COOKIE = "gh_session";

    private final Subsystems subsystems;
    private final Sessions sessions;

    Authenticator(Subsystems subsystems, Sessions sessions) {
        this.subsystems = subsystems;
        this.sessions = sessions;
    }

    /** The session token or key the request carries, bearer first; null if none. */
    static String presented(HttpServerRequest http) {
        String auth = http.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String v = auth.substring(7).trim();
            if (!v.isEmpty()) return v;
        }
        Cookie c = http.getCookie(COOKIE);
        return c == null || c.getValue().isBlank() ? null : c.getValue();
    }

    Future<Principal> authenticate(HttpServerRequest http) {
        String presented = presented(http);
        if (presented == null) {
            return Future.failedFuture(unauthorized("Send an admin key or a session token as 'Authorization: Bearer ...', or sign in at POST /admin/v1/session."));
        }
        if (presented.startsWith(Sessions.PREFIX)) return session(presented);
        return switch (subsystems.keyDirectory().check(presented)) {
            case KeyCheck.Valid v when v.kind() == KeyKind.ADMIN ->
                    Future.succeededFuture(new Principal(Principal.Kind.ADMIN_KEY, v.keyId(), v.customerId(), v.role()));
            case KeyCheck.Valid v -> Future.failedFuture(unauthorized("This is a client key; the admin API takes an admin key."));
            case KeyCheck.Revoked r -> Future.failedFuture(unauthorized("This admin key has been revoked."));
            case KeyCheck.Expired x -> Future.failedFuture(unauthorized("This admin key expired at " + x.expiresAt() + "."));
            case KeyCheck.CustomerInactive c -> Future.failedFuture(inactive(c.status()));
            case KeyCheck.Unknown u -> Future.failedFuture(unauthorized("Incorrect admin key or session token provided."));
        };
    }

    /**
     * A session is re-checked against the store on every call (the admin API is not a hot path):
     * a user disabled or re-roled on another instance, or a customer suspended, takes effect at once.
     */
    private Future<Principal> session(String token) {
        var found = sessions.find(token);
        if (found.isEmpty()) return Future.failedFuture(unauthorized("This session has expired or was signed out; sign in again."));
        String userId = found.get().userId();
        return subsystems.blocking().run(() -> {
            User u = subsystems.users().get(userId).filter(x -> !x.disabled())
                    .orElseThrow(() -> unauthorized("This session's user is disabled; sign in again."));
            if (u.customerId() != null) {
                CustomerStatus status = subsystems.customers().get(u.customerId()).map(Customer::status).orElse(CustomerStatus.CLOSED);
                if (status == CustomerStatus.SUSPENDED || status == CustomerStatus.CLOSED) throw inactive(status);
            }
            return new Principal(Principal.Kind.SESSION, u.id(), u.customerId(), u.role());
        });
    }

    static GatewayException unauthorized(String message) {
        return new GatewayException(ErrorCode.INVALID_API_KEY, message);
    }

    static GatewayException inactive(CustomerStatus status) {
        return switch (status) {
            case PENDING -> new GatewayException(ErrorCode.ACCOUNT_PENDING, "This account is pending approval.");
            case SUSPENDED -> new GatewayException(ErrorCode.ACCOUNT_SUSPENDED, "This account is suspended; contact the gateway operator.");
            case CLOSED -> new GatewayException(ErrorCode.ACCOUNT_CLOSED, "This account is closed.");
            case ACTIVE -> throw new IllegalStateException("an active customer is not inactive");
        };
    }
}
