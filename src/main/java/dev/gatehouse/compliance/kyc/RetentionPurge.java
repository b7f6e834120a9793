package dev.gatehouse.compliance.kyc;

import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.store.Jdbc;
import dev.gatehouse.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the KYC records (CIP versions, verifications, access IPs, screening runs, hits, cases and
 * decisions) of customers closed longer ago than the retention period ({@code compliance.kyc_retention},
 * two years by default, as the US CIP proposal asks). The audit trail's KYC and screening entries
 * about the customer are KYC records too: their bodies are erased first (with the retention entry
 * that lets the chain still verify), then the records go in one transaction with a {@code kyc}
 * entry naming the customer, when it closed and how many rows went. The customer row itself stays
 * (accounts own it).
 */
public final class RetentionPurge {
    public static final Period DEFAULT_RETENTION = Period.ofYears(2);
    public static final String ACTOR = "system:kyc-retention";
    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    /** Child tables first, so references hold while deleting. */
    private static final List<String> DELETES = List.of(
            "DELETE FROM screening_case_decisions WHERE case_id IN (SELECT id FROM screening_cases WHERE customer_id = ?)",
            "DELETE FROM screening_cases WHERE customer_id = ?",
            "DELETE FROM screening_results WHERE run_id IN (SELECT id FROM screening_runs WHERE customer_id = ?)",
            "DELETE FROM screening_runs WHERE customer_id = ?",
            "DELETE FROM cip_records WHERE customer_id = ?",
            "DELETE FROM cip_verifications WHERE customer_id = ?",
            "DELETE FROM cip_access_ips WHERE customer_id = ?");

    /** One customer's records purged. */
    public record Purged(String customerId, Instant closedAt, int rows) {}

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public RetentionPurge(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** Purges, as {@link #ACTOR}, every customer closed before now minus {@code retention} that still has KYC records. */
    public List<Purged> run(Period retention) { return run(retention, ACTOR); }

    /** Purges every customer closed before now minus {@code retention} that still has KYC records; {@code actor} in the audit entries. */
    public List<Purged> run(Period retention, String actor) {
        if (retention.isNegative()) throw new IllegalArgumentException("retention must not be negative: " + retention);
        Instant cutoff = clock.instant().atOffset(ZoneOffset.UTC).minus(retention).toInstant();
        List<Purged> out = new ArrayList<>();
        for (Purged candidate : db.withConnection(c -> closedBefore(c, cutoff))) {
            if (!hasRecords(candidate.customerId())) continue;
            // the trail's entries about the customer first: if the deletion then fails, the next run repeats both
            audit.purgeSubject(candidate.customerId(), List.of(AuditCategory.KYC, AuditCategory.SCREENING), actor);
            int rows = audit.inTransaction((c, entries) -> {
                int n = 0;
                for (String sql : DELETES) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, candidate.customerId());
                        n += ps.executeUpdate();
                    }
                }
                entries.add(KycTrail.retentionPurged(actor, candidate.customerId(), candidate.closedAt(), retention, n));
                return n;
            });
            log.info("kyc retention purge: customer {} closed {} (retention {}): {} KYC and screening rows deleted",
                    candidate.customerId(), candidate.closedAt(), retention, rows);
            out.add(new Purged(candidate.customerId(), candidate.closedAt(), rows));
        }
        return out;
    }

    private boolean hasRecords(String customerId) {
        return db.withConnection(c -> {
            for (String table : List.of("cip_records", "cip_verifications", "cip_access_ips", "screening_runs", "screening_cases")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE customer_id = ? LIMIT 1")) {
                    ps.setString(1, customerId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) return true;
                    }
                }
            }
            return false;
        });
    }

    private static List<Purged> closedBefore(Connection c, Instant cutoff) throws SQLException {
        List<Purged> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, closed_at FROM customers WHERE status = 'closed' AND closed_at < ? ORDER BY closed_at, id")) {
            Jdbc.time(ps, 1, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Purged(rs.getString("id"), Jdbc.time(rs, "closed_at"), 0));
            }
        }
        return out;
    }
}
