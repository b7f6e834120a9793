package dev.gatehouse.audit;

import java.util.Locale;

/** What kind of event an audit entry records; {@link #wire()} is the stored name. */
public enum AuditCategory {
    ADMIN, POLICY_DENIAL, KYC, SCREENING, REQUEST_DECISION, RETENTION;

    // computed once: wire() is asked on every request (policy facts, audit entries)
    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() { return wire; }

    public static AuditCategory parse(String wire) {
        for (AuditCategory c : values()) if (c.wire().equals(wire)) return c;
        throw new IllegalArgumentException("unknown audit category: " + wire);
    }
}
