package dev.gatehouse.compliance.kyc;

import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.compliance.screening.ImportReport;
import dev.gatehouse.crypto.Sha256;

import java.time.Instant;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit entries of KYC and screening decisions, in one place so that their shape stays the same
 * whichever path (admin API, CLI, a job) made the decision. The subject is the customer's id, so a
 * customer's entries go with its KYC records when those are purged. Entries name records (versions,
 * ids, statuses, list entries) but never copy personal data out of the CIP record: a CIP change is
 * recorded by its version and a digest of its content, which proves the stored record unchanged.
 */
final class KycTrail {
    /** How many of a run's hits an entry names; the run itself keeps every hit. */
    private static final int HITS_NAMED = 5;

    private KycTrail() {}

    static AuditEntry cipRecorded(String actor, CipRecord r) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("version", r.version());
        after.put("sha256", Sha256.hex(CipStore.write(r.details()))); // the text stored, dates and all
        return entry(AuditCategory.KYC, actor, "kyc.cip_record", r.customerId(), null, after);
    }

    static AuditEntry verified(String actor, VerificationStatus from, Verification v) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", v.status().wire());
        after.put("verification", v.id());
        after.put("reverify_on", v.reverifyOn() == null ? null : v.reverifyOn().toString());
        return entry(AuditCategory.KYC, actor, "kyc.verification", v.customerId(), Map.of("status", from.wire()), after);
    }

    /** A screening: {@code screening.suspend} when its block-band hit suspends the customer, else {@code screening.run}. */
    static AuditEntry screened(String actor, ScreeningRun run, List<ScreeningCase> opened, boolean suspends) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("run", run.id());
        after.put("cause", run.cause());
        after.put("band", run.band().wire());
        after.put("hits", run.hits().size());
        after.put("top_hits", run.hits().stream().limit(HITS_NAMED).map(h -> Map.of(
                "list", h.list(), "entry_id", h.entryId(), "score", h.score(), "band", h.band().wire())).toList());
        after.put("cases_opened", opened.stream().map(ScreeningCase::id).toList());
        after.put("suspends", suspends);
        return entry(AuditCategory.SCREENING, actor, suspends ? "screening.suspend" : "screening.run", run.customerId(), null, after);
    }

    /** A case decision and what it did to the customer's status ({@code suspended}, {@code reactivated} or {@code unchanged}). */
    static AuditEntry decided(String actor, ScreeningCase k, CaseDecision d, String effect) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("case", k.id());
        after.put("decision", d.status().wire());
        after.put("reason", d.reason());
        after.put("list", k.hit().list());
        after.put("entry_id", k.hit().entryId());
        after.put("customer_status", effect);
        return entry(AuditCategory.SCREENING, actor, "screening.case_decision", k.customerId(), Map.of("status", k.status().wire()), after);
    }

    static AuditEntry rescreened(String actor, String cause, List<ScreeningOutcome> outcomes) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("cause", cause);
        after.put("customers", outcomes.size());
        after.put("with_hits", outcomes.stream().filter(o -> !o.run().hits().isEmpty()).count());
        after.put("cases_opened", outcomes.stream().mapToInt(o -> o.opened().size()).sum());
        after.put("suspended", outcomes.stream().filter(ScreeningOutcome::suspended).map(o -> o.run().customerId()).toList());
        return entry(AuditCategory.SCREENING, actor, "screening.rescreen_all", null, null, after);
    }

    static AuditEntry listImported(String actor, ImportReport r) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("date", r.date());
        after.put("sha256", r.sha256());
        after.put("entries", r.entryCount());
        after.put("added", r.added().size());
        after.put("changed", r.changed().size());
        after.put("removed", r.removed().size());
        return entry(AuditCategory.SCREENING, actor, "screening.list_import", r.list(), null, after);
    }

    static AuditEntry retentionPurged(String actor, String customerId, Instant closedAt, Period retention, int rows) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("closed_at", closedAt.toString());
        after.put("retention", retention.toString());
        after.put("rows_deleted", rows);
        return entry(AuditCategory.KYC, actor, "kyc.retention_purge", customerId, null, after);
    }

    private static AuditEntry entry(AuditCategory category, String actor, String action, String subject,
                                    Map<String, ?> before, Map<String, ?> after) {
        return new AuditEntry(category, actor, action, subject, before == null ? null : KycSql.json(before), KycSql.json(after));
    }
}
