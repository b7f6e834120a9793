package dev.gatehouse.admin;

import dev.gatehouse.accounts.Role;
import dev.gatehouse.api.GatewayException;

/** The one rule beyond read/write: only an owner creates, disables or revokes owners (users or admin keys). */
final class Roles {
    private Roles() {}

    static void mayManage(Principal p, Role target) {
        if (target == Role.OWNER && p.role() != Role.OWNER) {
            throw AdminErrors.forbidden("Only an owner may create, disable or revoke an owner.");
        }
    }

    static Role parse(Input in, String field) {
        return Role.parse(in.text(field));
    }

    /** A password or credential value from the body; blank is "required", never an internal error. */
    static dev.gatehouse.config.Secret secret(Input in, String field) {
        String v = in.text(field);
        if (v.isBlank()) throw GatewayException.invalid(field + " is required.", field);
        return new dev.gatehouse.config.Secret(v);
    }
}
