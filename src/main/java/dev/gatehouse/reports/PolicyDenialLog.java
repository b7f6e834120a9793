package dev.gatehouse.reports;

import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.policy.DecisionRecord;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The policy denials of a period, read from the audit log ({@code policy_denial} entries, whose
 * {@code after} JSON is a {@link DecisionRecord}), oldest first, one at a time: a year of denials
 * never has to fit in memory. An entry a retention purge erased keeps only its time; one whose
 * body does not read as a decision record is passed on as unreadable rather than failing the report.
 */
final class PolicyDenialLog {
    enum State {
        RECORDED, PURGED, UNREADABLE;

        String wire() { return name().toLowerCase(Locale.ROOT); }
    }

    /** One denial; {@code record} is null unless {@code state} is RECORDED. */
    record Denial(long seq, Instant at, State state, DecisionRecord record) {}

    private PolicyDenialLog() {}

    static void forEach(Database db, ReportPeriod period, Consumer<Denial> each) {
        // a transaction lets PostgreSQL stream with a cursor (fetch size) instead of loading every row
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, ts, purged, after_json FROM audit_log"
                    + " WHERE category = ? AND ts >= ? AND ts < ? ORDER BY seq")) {
                ps.setFetchSize(1000);
                ps.setString(1, AuditCategory.POLICY_DENIAL.wire());
                Jdbc.time(ps, 2, period.start());
                Jdbc.time(ps, 3, period.end());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) each.accept(denial(rs.getLong("seq"), Jdbc.time(rs, "ts"), rs.getBoolean("purged"), rs.getString("after_json")));
                }
            }
            return null;
        });
    }

    private static Denial denial(long seq, Instant at, boolean purged, String json) {
        if (purged) return new Denial(seq, at, State.PURGED, null);
        if (json == null) return new Denial(seq, at, State.UNREADABLE, null);
        try {
            return new Denial(seq, at, State.RECORDED, DecisionRecord.fromJson(json));
        } catch (IllegalArgumentException e) {
            return new Denial(seq, at, State.UNREADABLE, null);
        }
    }
}
