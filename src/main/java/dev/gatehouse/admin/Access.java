package dev.gatehouse.admin;

/**
 * Who may call a route. Roles that read (viewer, compliance) reach the READ routes; writes need
 * owner or admin. OPERATOR routes are for the gateway operator's staff (principals of no
 * customer): customer-scoped principals get 403 there, since these are not objects of any customer.
 */
enum Access {
    /** No credentials: the OpenAPI document and signing in. */
    PUBLIC,
    READ,
    WRITE,
    OPERATOR_READ,
    OPERATOR_WRITE;

    boolean writes() { return this == WRITE || this == OPERATOR_WRITE; }

    boolean operatorOnly() { return this == OPERATOR_READ || this == OPERATOR_WRITE; }
}
