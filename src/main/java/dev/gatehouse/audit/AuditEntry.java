package dev.gatehouse.audit;

import java.util.Objects;

/**
 * One event to append: who ({@code actor}) did what ({@code action}) to what ({@code subject}),
 * with the state before and after as JSON where that applies. Prompt and response bodies never
 * belong here unless a customer's policy turns content logging on.
 */
public record AuditEntry(AuditCategory category, String actor, String action, String subject,
                         String beforeJson, String afterJson) {
    public AuditEntry {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
    }

    public static AuditEntry of(AuditCategory category, String actor, String action, String subject) {
        return new AuditEntry(category, actor, action, subject, null, null);
    }
}
