package dev.gatehouse.compliance.kyc;

import dev.gatehouse.store.Jdbc;
import dev.gatehouse.compliance.screening.Band;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Screening runs, their hits, cases and decisions (V6). Blocking JDBC inside a caller's connection or transaction. */
final class CaseStore {
    private static final String CASE_COLUMNS = "id, customer_id, run_id, list_name, entry_id, entry_hash, entry_name, matched_name,"
            + " subject_name, score, band, explanation, suspended, status, opened_at";

    private CaseStore() {}

    static void insertRun(Connection c, ScreeningRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO screening_runs (id, customer_id, cause, band, hit_count, screened_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, run.id());
            ps.setString(2, run.customerId());
            ps.setString(3, run.cause());
            ps.setString(4, run.band().wire());
            ps.setInt(5, run.hits().size());
            Jdbc.time(ps, 6, run.screenedAt());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO screening_results (run_id, seq, list_name, entry_id, entry_name,"
                + " matched_name, subject_name, score, band, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (RunHit h : run.hits()) {
                ps.setString(1, run.id());
                ps.setInt(2, seq++);
                setHit(ps, 3, h);
                ps.addBatch();
            }
            if (seq > 0) ps.executeBatch();
        }
    }

    /** Writes list, entry, entry name, matched, subject, score, band, explanation from {@code i} on. */
    private static void setHit(PreparedStatement ps, int i, RunHit h) throws SQLException {
        ps.setString(i, h.list());
        ps.setString(i + 1, h.entryId());
        ps.setString(i + 2, h.entryName());
        ps.setString(i + 3, h.matchedName());
        ps.setString(i + 4, h.subjectName());
        ps.setDouble(i + 5, h.score());
        ps.setString(i + 6, h.band().wire());
        ps.setString(i + 7, KycSql.json(h.explanation()));
    }

    static void insertCase(Connection c, ScreeningCase k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO screening_cases (id, customer_id, run_id, list_name, entry_id,"
                + " entry_name, matched_name, subject_name, score, band, explanation, entry_hash, suspended, status, opened_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, k.id());
            ps.setString(2, k.customerId());
            ps.setString(3, k.runId());
            setHit(ps, 4, k.hit());
            ps.setString(12, k.entryHash());
            ps.setBoolean(13, k.suspends());
            ps.setString(14, k.status().wire());
            Jdbc.time(ps, 15, k.openedAt());
            ps.executeUpdate();
        }
    }

    /** The newest case of this customer on this list entry, if any. */
    static Optional<ScreeningCase> latest(Connection c, String customerId, String list, String entryId) throws SQLException {
        List<ScreeningCase> found = query(c, " WHERE customer_id = ? AND list_name = ? AND entry_id = ? ORDER BY opened_at DESC, id DESC",
                customerId, list, entryId);
        return found.stream().findFirst();
    }

    static Optional<ScreeningCase> get(Connection c, String id) throws SQLException {
        return query(c, " WHERE id = ?", id).stream().findFirst();
    }

    /** Cases, newest first, of one customer or all (null), in one status or any (null). */
    static List<ScreeningCase> list(Connection c, String customerId, CaseStatus status) throws SQLException {
        List<String> where = new ArrayList<>();
        List<String> args = new ArrayList<>();
        if (customerId != null) { where.add("customer_id = ?"); args.add(customerId); }
        if (status != null) { where.add("status = ?"); args.add(status.wire()); }
        return query(c, (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY opened_at DESC, id DESC",
                args.toArray(String[]::new));
    }

    /** Whether any case still holds the customer suspended: an open block-band case or a true match. */
    static boolean holdsSuspended(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM screening_cases WHERE customer_id = ?"
                + " AND ((status = 'open' AND suspended) OR status = 'true_match')")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void decide(Connection c, CaseDecision d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO screening_case_decisions (id, case_id, status, decided_by, decided_at, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, d.id());
            ps.setString(2, d.caseId());
            ps.setString(3, d.status().wire());
            ps.setString(4, d.decidedBy());
            Jdbc.time(ps, 5, d.decidedAt());
            ps.setString(6, d.reason());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE screening_cases SET status = ? WHERE id = ?")) {
            ps.setString(1, d.status().wire());
            ps.setString(2, d.caseId());
            ps.executeUpdate();
        }
    }

    /** Every customer that is not closed, oldest first (what a rescreen of all covers). */
    static List<String> openCustomerIds(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customers WHERE status <> 'closed' ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) ids.add(rs.getString(1));
        }
        return ids;
    }

    /** A customer's screening runs with their hits, newest first. */
    static List<ScreeningRun> runs(Connection c, String customerId) throws SQLException {
        Map<String, List<RunHit>> hits = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.* FROM screening_results r JOIN screening_runs s ON s.id = r.run_id"
                + " WHERE s.customer_id = ? ORDER BY r.run_id, r.seq")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) hits.computeIfAbsent(rs.getString("run_id"), k -> new ArrayList<>()).add(hit(rs));
            }
        }
        List<ScreeningRun> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM screening_runs WHERE customer_id = ? ORDER BY screened_at DESC, id DESC")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    out.add(new ScreeningRun(id, customerId, rs.getString("cause"), band(rs.getString("band")),
                            hits.getOrDefault(id, List.of()), Jdbc.time(rs, "screened_at")));
                }
            }
        }
        return out;
    }

    private static List<ScreeningCase> query(Connection c, String tail, String... args) throws SQLException {
        List<ScreeningCase> cases = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CASE_COLUMNS + " FROM screening_cases" + tail)) {
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cases.add(new ScreeningCase(rs.getString("id"), rs.getString("customer_id"), rs.getString("run_id"), hit(rs),
                            rs.getString("entry_hash"), rs.getBoolean("suspended"), CaseStatus.parse("status", rs.getString("status")),
                            Jdbc.time(rs, "opened_at"), List.of()));
                }
            }
        }
        if (cases.isEmpty()) return cases;
        List<ScreeningCase> out = new ArrayList<>(cases.size());
        for (ScreeningCase k : cases) out.add(withDecisions(c, k));
        return out;
    }

    private static ScreeningCase withDecisions(Connection c, ScreeningCase k) throws SQLException {
        List<CaseDecision> decisions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM screening_case_decisions WHERE case_id = ? ORDER BY decided_at, id")) {
            ps.setString(1, k.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    decisions.add(new CaseDecision(rs.getString("id"), k.id(), CaseStatus.parse("status", rs.getString("status")),
                            rs.getString("decided_by"), Jdbc.time(rs, "decided_at"), rs.getString("reason")));
                }
            }
        }
        return new ScreeningCase(k.id(), k.customerId(), k.runId(), k.hit(), k.entryHash(), k.suspends(), k.status(), k.openedAt(), decisions);
    }

    private static RunHit hit(ResultSet rs) throws SQLException {
        return new RunHit(rs.getString("list_name"), rs.getString("entry_id"), rs.getString("entry_name"), rs.getString("matched_name"),
                rs.getString("subject_name"), rs.getDouble("score"), band(rs.getString("band")), KycSql.strings(rs.getString("explanation")));
    }

    private static Band band(String wire) { return Band.valueOf(wire.toUpperCase(Locale.ROOT)); }
}
