package dev.gatehouse.policy.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.compliance.kyc.CipDetails;
import dev.gatehouse.compliance.kyc.KycJson;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads customers' facts in bulk, four queries for any number of customers: the customer rows,
 * the newest CIP record of each, their verification steps (the newest wins, as in
 * {@code CipStore#verification}) and their screening cases that still count (open, or decided a
 * true match). Blocking JDBC inside the caller's connection.
 */
final class FactsQuery {
    private static final Logger log = LoggerFactory.getLogger(FactsQuery.class);
    /** Customers per {@code IN (...)} list: well under both databases' parameter limits. */
    static final int CHUNK = 500;

    private FactsQuery() {}

    /** The facts of every customer, or of those in {@code ids} that exist (null means all). */
    static Map<String, CustomerFacts> load(Connection c, Collection<String> ids) throws SQLException {
        if (ids == null) return loadChunk(c, null);
        Map<String, CustomerFacts> out = new HashMap<>();
        List<String> all = new ArrayList<>(new HashSet<>(ids));
        for (int i = 0; i < all.size(); i += CHUNK) out.putAll(loadChunk(c, all.subList(i, Math.min(all.size(), i + CHUNK))));
        return out;
    }

    private record Row(CustomerKind kind, String country, CustomerStatus status) {}

    private static Map<String, CustomerFacts> loadChunk(Connection c, List<String> ids) throws SQLException {
        Map<String, Row> customers = new HashMap<>();
        query(c, "SELECT id, kind, country, status FROM customers", "id", ids, rs -> customers.put(rs.getString("id"),
                new Row(CustomerKind.parse(rs.getString("kind")), rs.getString("country").strip(), CustomerStatus.parse(rs.getString("status")))));
        if (customers.isEmpty()) return Map.of();

        Map<String, CipDetails> cip = new HashMap<>();
        Set<String> unreadable = new HashSet<>();
        query(c, "SELECT r.customer_id, r.record_json FROM cip_records r WHERE r.version ="
                + " (SELECT MAX(v.version) FROM cip_records v WHERE v.customer_id = r.customer_id)", "r.customer_id", ids, rs -> {
            String id = rs.getString("customer_id");
            try {
                cip.put(id, KycJson.MAPPER.readValue(rs.getString("record_json"), CipDetails.class));
            } catch (JsonProcessingException e) {
                unreadable.add(id);
                log.warn("customer {}: the newest CIP record no longer reads ({}); keeping its last known facts", id, e.getOriginalMessage());
            }
        });

        Map<String, VerificationStatus> kyc = new HashMap<>();
        query(c, "SELECT customer_id, status FROM cip_verifications", "customer_id", ids, " ORDER BY customer_id, decided_at, id",
                rs -> kyc.put(rs.getString("customer_id"), VerificationStatus.parse(rs.getString("status"))));

        Map<String, ScreeningState> screening = new HashMap<>();
        query(c, "SELECT customer_id, status, band, suspended FROM screening_cases WHERE status IN ('open', 'true_match')",
                "customer_id", ids, rs -> screening.merge(rs.getString("customer_id"), caseState(rs), ScreeningState::worst));

        Map<String, CustomerFacts> out = new HashMap<>();
        customers.forEach((id, r) -> {
            if (unreadable.contains(id)) return;
            CipDetails d = cip.getOrDefault(id, CipDetails.EMPTY);
            out.put(id, new CustomerFacts(id, r.kind(), r.country(), r.status(), kyc.getOrDefault(id, VerificationStatus.UNVERIFIED),
                    d.prcResident(), d.foreign(), screening.getOrDefault(id, ScreeningState.CLEAR)));
        });
        return out;
    }

    /** A case that still counts: a true match or an open block-band case is a hit, an open review-band case is review. */
    private static ScreeningState caseState(ResultSet rs) throws SQLException {
        if (rs.getString("status").equals("true_match")) return ScreeningState.HIT;
        // suspended: the case opened in the block band (screening keeps both, the flag is what suspends)
        return rs.getBoolean("suspended") || "block".equals(rs.getString("band")) ? ScreeningState.HIT : ScreeningState.REVIEW;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String select, String idColumn, List<String> ids, RowReader reader) throws SQLException {
        query(c, select, idColumn, ids, "", reader);
    }

    /** Runs {@code select}, narrowed to {@code ids} on {@code idColumn} unless ids is null, then {@code order}. */
    private static void query(Connection c, String select, String idColumn, List<String> ids, String order, RowReader reader)
            throws SQLException {
        String sql = select;
        if (ids != null) {
            sql += (select.contains(" WHERE ") ? " AND " : " WHERE ") + idColumn + " IN ("
                    + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        }
        try (PreparedStatement ps = c.prepareStatement(sql + order)) {
            if (ids != null) for (int i = 0; i < ids.size(); i++) ps.setString(i + 1, ids.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) reader.read(rs);
            }
        }
    }
}
