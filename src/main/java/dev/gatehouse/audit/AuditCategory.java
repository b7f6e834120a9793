package dev.gatehouse.audit;

import java.util.Locale;

/** What kind of event an audit entry records; {@link #wire()} is the stored name. */
public enum AuditCategory {
    ADMIN, POLICY_DENIAL, KYC, SCREENING, REQUEST_DECISION, RETENTION;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static AuditCategory parse(String wire) {
        for (AuditCategory c : values()) if (c.wire().equals(wire)) return c;
        throw new IllegalArgumentException("unknown audit category: " + wire);
    }
}
