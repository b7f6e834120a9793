package dev.gatehouse.admin;

import dev.gatehouse.accounts.Role;

/**
 * Who is calling the admin API: an admin key or a console user's session. {@code customerId} null
 * means the gateway operator's staff, who see every customer; otherwise only that customer.
 */
record Principal(Kind kind, String id, String customerId, Role role) {
    enum Kind { ADMIN_KEY, SESSION }

    boolean operator() { return customerId == null; }

    /** How the audit trail names this principal: {@code admin_key:key_...} or {@code session:usr_...}. */
    String actor() { return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id; }

    boolean mayWrite() { return role == Role.OWNER || role == Role.ADMIN; }

    /** Whether this principal may see objects of {@code customer}. */
    boolean sees(String customer) { return customerId == null || customerId.equals(customer); }
}
