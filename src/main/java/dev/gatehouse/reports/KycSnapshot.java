package dev.gatehouse.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.accounts.AccountChanges;
import dev.gatehouse.accounts.Customer;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.Page;
import dev.gatehouse.compliance.kyc.CipDetails;
import dev.gatehouse.compliance.kyc.CipRecord;
import dev.gatehouse.compliance.kyc.KycJson;
import dev.gatehouse.compliance.kyc.Verification;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every customer with its KYC state: the current CIP record, the latest verification step, the
 * addresses it used, and where its screening stands. The kyc stores read one customer at a time
 * (a handful of queries each); a report over every customer reads each table once instead.
 * Blocking JDBC.
 */
final class KycSnapshot {
    /** Where a customer's screening stands, worst first: a decided true match, an open block-band hit (the customer is suspended pending review), an open review-band case, screened without an open case, never screened. */
    enum ScreeningState {
        TRUE_MATCH, HIT, REVIEW, CLEAR, NOT_SCREENED;

        String wire() { return name().toLowerCase(Locale.ROOT); }
    }

    /** The addresses a customer's keys and users came from: how many distinct ones, and the most recent. */
    record Access(int addresses, String lastIp, Instant lastSeen) {
        static final Access NONE = new Access(0, null, null);
    }

    record Screening(ScreeningState state, int openCases, Instant lastScreenedAt) {
        static final Screening NEVER = new Screening(ScreeningState.NOT_SCREENED, 0, null);
    }

    /** One customer; {@code cip} and {@code verification} are null when none was ever recorded. */
    record CustomerKyc(Customer customer, CipRecord cip, Verification verification, Access access, Screening screening) {
        CipDetails details() { return cip == null ? CipDetails.EMPTY : cip.details(); }
    }

    private KycSnapshot() {}

    /** Every customer, in creation order, by id. */
    static Map<String, CustomerKyc> load(Database db) {
        CustomerStore store = new CustomerStore(db, AccountChanges.NONE);
        Map<String, Customer> customers = new LinkedHashMap<>();
        Integer offset = 0;
        while (offset != null) {
            Page<Customer> page = store.list(offset, 1000);
            page.items().forEach(c -> customers.put(c.id(), c));
            offset = page.nextOffset();
        }
        return db.withConnection(c -> {
            Map<String, CipRecord> cip = cipRecords(c);
            Map<String, Verification> verifications = verifications(c);
            Map<String, Access> access = access(c);
            Map<String, Screening> screening = screening(c);
            Map<String, CustomerKyc> out = new LinkedHashMap<>();
            for (Customer k : customers.values()) {
                out.put(k.id(), new CustomerKyc(k, cip.get(k.id()), verifications.get(k.id()),
                        access.getOrDefault(k.id(), Access.NONE), screening.getOrDefault(k.id(), Screening.NEVER)));
            }
            return out;
        });
    }

    private static Map<String, CipRecord> cipRecords(Connection c) throws SQLException {
        Map<String, CipRecord> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.customer_id, r.version, r.record_json, r.changed_by, r.changed_at"
                + " FROM cip_records r JOIN (SELECT customer_id, MAX(version) AS latest FROM cip_records GROUP BY customer_id) m"
                + " ON m.customer_id = r.customer_id AND m.latest = r.version");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString("customer_id");
                out.put(id, new CipRecord(id, rs.getInt("version"), details(id, rs.getString("record_json")),
                        rs.getString("changed_by"), Jdbc.time(rs, "changed_at")));
            }
        }
        return out;
    }

    private static CipDetails details(String customerId, String json) {
        try {
            return KycJson.MAPPER.readValue(json, CipDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored CIP record of " + customerId + " no longer reads: " + e.getOriginalMessage(), e);
        }
    }

    /** The latest step per customer, in the order the CIP store keeps them (decided_at, then id). */
    private static Map<String, Verification> verifications(Connection c) throws SQLException {
        Map<String, Verification> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, customer_id, status, decided_by, decided_at, evidence, reverify_on, note"
                + " FROM cip_verifications ORDER BY customer_id, decided_at, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString("customer_id");
                String reverify = rs.getString("reverify_on");
                out.put(id, new Verification(rs.getString("id"), id, VerificationStatus.parse(rs.getString("status")),
                        rs.getString("decided_by"), Jdbc.time(rs, "decided_at"), rs.getString("evidence"),
                        reverify == null ? null : LocalDate.parse(reverify), rs.getString("note")));
            }
        }
        return out;
    }

    /** Distinct addresses (one used for both the API and the admin API counts once) and the one seen last. */
    private static Map<String, Access> access(Connection c) throws SQLException {
        Map<String, Set<String>> ips = new HashMap<>();
        Map<String, Access> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, ip, last_seen FROM cip_access_ips ORDER BY customer_id, last_seen, ip");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString("customer_id");
                Set<String> seen = ips.computeIfAbsent(id, k -> new HashSet<>());
                seen.add(rs.getString("ip"));
                out.put(id, new Access(seen.size(), rs.getString("ip"), Jdbc.time(rs, "last_seen")));
            }
        }
        return out;
    }

    private static Map<String, Screening> screening(Connection c) throws SQLException {
        Map<String, Instant> lastRun = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, MAX(screened_at) AS last_run FROM screening_runs GROUP BY customer_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) lastRun.put(rs.getString("customer_id"), Jdbc.time(rs, "last_run"));
        }
        record Cases(int open, boolean openBlock, boolean trueMatch) {}
        Map<String, Cases> cases = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, status, suspended, COUNT(*) AS n FROM screening_cases"
                + " GROUP BY customer_id, status, suspended");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String status = rs.getString("status");
                boolean open = status.equals("open");
                Cases add = new Cases(open ? rs.getInt("n") : 0, open && rs.getBoolean("suspended"), status.equals("true_match"));
                cases.merge(rs.getString("customer_id"), add,
                        (a, b) -> new Cases(a.open + b.open, a.openBlock || b.openBlock, a.trueMatch || b.trueMatch));
            }
        }
        Map<String, Screening> out = new HashMap<>();
        Set<String> ids = new HashSet<>(lastRun.keySet());
        ids.addAll(cases.keySet());
        for (String id : ids) {
            Cases k = cases.getOrDefault(id, new Cases(0, false, false));
            ScreeningState state = k.trueMatch ? ScreeningState.TRUE_MATCH : k.openBlock ? ScreeningState.HIT
                    : k.open > 0 ? ScreeningState.REVIEW : lastRun.containsKey(id) ? ScreeningState.CLEAR : ScreeningState.NOT_SCREENED;
            out.put(id, new Screening(state, k.open, lastRun.get(id)));
        }
        return out;
    }
}
