package dev.gatehouse.admin;

/**
 * Who may call a route. Roles that read (viewer, compliance) reach the READ routes; writes need
 * owner or admin, compliance writes owner, admin or compliance. OPERATOR routes are for the gateway operator's staff (principals of no
 * customer): customer-scoped principals get 403 there, since these are not objects of any customer.
 */
enum Access {
    /** No credentials: the OpenAPI document and signing in. */
    PUBLIC,
    READ,
    WRITE,
    OPERATOR_READ,
    OPERATOR_WRITE,
    /** KYC records, verification and screening decisions: operator staff with owner, admin or compliance role. */
    COMPLIANCE_WRITE,
    /** Compliance reports (every customer's identity records at once): operator staff with owner, admin or compliance role; not viewers. */
    COMPLIANCE_READ;

    boolean writes() { return this == WRITE || this == OPERATOR_WRITE || this == COMPLIANCE_WRITE; }

    boolean operatorOnly() { return this == OPERATOR_READ || this == OPERATOR_WRITE || this == COMPLIANCE_WRITE || this == COMPLIANCE_READ; }

    /** Whether {@code p} has a role that may call a route of this access (reads: every role). */
    boolean allowsRole(Principal p) {
        if (this == COMPLIANCE_WRITE || this == COMPLIANCE_READ) return p.mayWrite() || p.role() == dev.gatehouse.accounts.Role.COMPLIANCE;
        return !writes() || p.mayWrite();
    }

    /** Why {@code p} (whose role {@link #allowsRole} refused) may not call a route of this access. */
    String refusal(Principal p) {
        if (this == COMPLIANCE_READ) return "Only the owner, admin and compliance roles may read compliance reports, not '" + p.role().wire() + "'.";
        return "The role '" + p.role().wire() + "' may read but not change anything.";
    }
}
