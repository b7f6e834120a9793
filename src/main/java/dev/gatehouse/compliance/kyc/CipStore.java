package dev.gatehouse.compliance.kyc;

import dev.gatehouse.store.Jdbc;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CIP records (V7): versions of the record, verification steps and access IPs. Each change adds a
 * row; nothing is overwritten (access IPs keep first and last seen). A new record version or
 * verification step commits together with its KYC audit entry. Blocking JDBC.
 */
public final class CipStore {
    private final Database db;
    private final Clock clock;
    private final AuditLog audit;

    public CipStore(Database db, Clock clock, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    /** The newest version, or version 0 with empty details when none was recorded. */
    public CipRecord current(String customerId) {
        return db.withConnection(c -> latest(c, customerId)).orElseGet(() -> CipRecord.none(customerId));
    }

    public Optional<CipRecord> get(String customerId) {
        return db.withConnection(c -> latest(c, customerId));
    }

    /** Every version, oldest first. */
    public List<CipRecord> history(String customerId) {
        return db.withConnection(c -> versions(c, customerId, ""));
    }

    /** Validates and stores {@code details} as the next version; {@code changedBy} is the actor the audit entry names. */
    public CipRecord put(String customerId, CipDetails details, String changedBy) {
        CipValidation.check(details);
        Instant now = Jdbc.now(clock);
        return audit.inTransaction((c, entries) -> {
            requireCustomer(c, customerId);
            int version = latest(c, customerId).map(CipRecord::version).orElse(0) + 1;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO cip_records (customer_id, version, record_json, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, customerId);
                ps.setInt(2, version);
                ps.setString(3, write(details));
                ps.setString(4, changedBy);
                Jdbc.time(ps, 5, now);
                ps.executeUpdate();
            }
            CipRecord r = new CipRecord(customerId, version, details, changedBy, now);
            entries.add(KycTrail.cipRecorded(changedBy, r));
            return r;
        });
    }

    /** The newest verification step, or {@code unverified} when there is none. */
    public Verification verification(String customerId) {
        List<Verification> all = verifications(customerId);
        return all.isEmpty() ? Verification.initial(customerId) : all.getLast();
    }

    /** Every verification step, oldest first. */
    public List<Verification> verifications(String customerId) {
        return db.withConnection(c -> verifications(c, customerId));
    }

    private static List<Verification> verifications(Connection c, String customerId) throws SQLException {
        List<Verification> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM cip_verifications WHERE customer_id = ? ORDER BY decided_at, id")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String reverify = rs.getString("reverify_on");
                    out.add(new Verification(rs.getString("id"), customerId, VerificationStatus.parse(rs.getString("status")),
                            rs.getString("decided_by"), Jdbc.time(rs, "decided_at"), rs.getString("evidence"),
                            reverify == null ? null : LocalDate.parse(reverify), rs.getString("note")));
                }
            }
        }
        return out;
    }

    /** A record or decision for a customer that does not exist would be an orphan nobody sees: refused. */
    private static void requireCustomer(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM customers WHERE id = ?")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new AccountsException.NotFound("customer_id", "no customer " + customerId);
            }
        }
    }

    /**
     * Moves the verification on, if the lifecycle allows it from where it stands. {@code verified}
     * needs evidence and a re-verification date. {@code decidedBy} is the actor the audit entry names.
     */
    public synchronized Verification verify(String customerId, VerificationStatus status, String decidedBy, String evidence,
                                            LocalDate reverifyOn, String note) {
        String ev = evidence == null ? "" : evidence.strip();
        Verification v = new Verification(Ids.next("ver"), customerId, status, decidedBy, Jdbc.now(clock), ev, reverifyOn, note);
        return audit.inTransaction((c, entries) -> {
            requireCustomer(c, customerId);
            List<Verification> steps = verifications(c, customerId);
            VerificationStatus from = steps.isEmpty() ? VerificationStatus.UNVERIFIED : steps.getLast().status();
            if (!from.mayBecome(status)) {
                throw new AccountsException.Invalid("status", "a customer " + from.wire() + " cannot become " + status.wire());
            }
            if (status == VerificationStatus.VERIFIED && (ev.isEmpty() || reverifyOn == null)) {
                throw new AccountsException.Invalid(ev.isEmpty() ? "evidence" : "reverify_on",
                        "verifying a customer needs the evidence it rests on and a re-verification date");
            }
            if (ev.length() > 4000) throw new AccountsException.Invalid("evidence", "evidence is longer than 4000 characters");
            if (note != null && note.length() > 4000) throw new AccountsException.Invalid("note", "note is longer than 4000 characters");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cip_verifications (id, customer_id, status, decided_by, decided_at,"
                    + " evidence, reverify_on, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, v.id());
                ps.setString(2, customerId);
                ps.setString(3, status.wire());
                ps.setString(4, decidedBy);
                Jdbc.time(ps, 5, v.decidedAt());
                ps.setString(6, ev);
                Jdbc.text(ps, 7, reverifyOn == null ? null : reverifyOn.toString());
                Jdbc.text(ps, 8, note);
                ps.executeUpdate();
            }
            entries.add(KycTrail.verified(decidedBy, from, v));
            return v;
        });
    }

    /** Records that the customer used {@code ip} now ({@code kind}: api or admin). */
    public void recordAccess(String customerId, String ip, String kind) {
        if (!kind.equals("api") && !kind.equals("admin")) throw new IllegalArgumentException("kind is api or admin, not " + kind);
        Instant now = Jdbc.now(clock);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cip_access_ips SET last_seen = ? WHERE customer_id = ? AND ip = ? AND kind = ?")) {
                Jdbc.time(ps, 1, now);
                ps.setString(2, customerId);
                ps.setString(3, ip);
                ps.setString(4, kind);
                if (ps.executeUpdate() > 0) return 1;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cip_access_ips (customer_id, ip, kind, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, customerId);
                ps.setString(2, ip);
                ps.setString(3, kind);
                Jdbc.time(ps, 4, now);
                Jdbc.time(ps, 5, now);
                return ps.executeUpdate();
            }
        });
    }

    public List<AccessIp> accessIps(String customerId) {
        return db.withConnection(c -> {
            List<AccessIp> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM cip_access_ips WHERE customer_id = ? ORDER BY first_seen, ip")) {
                ps.setString(1, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AccessIp(rs.getString("ip"), rs.getString("kind"), Jdbc.time(rs, "first_seen"), Jdbc.time(rs, "last_seen")));
                    }
                }
            }
            return out;
        });
    }

    private static Optional<CipRecord> latest(Connection c, String customerId) throws SQLException {
        List<CipRecord> v = versions(c, customerId, " DESC");
        return v.stream().findFirst();
    }

    private static List<CipRecord> versions(Connection c, String customerId, String order) throws SQLException {
        List<CipRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM cip_records WHERE customer_id = ? ORDER BY version" + order)) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CipRecord(customerId, rs.getInt("version"), read(rs.getString("record_json")),
                            rs.getString("changed_by"), Jdbc.time(rs, "changed_at")));
                }
            }
        }
        return out;
    }

    /** The record's stored text ({@code record_json}); the audit entry of a change digests exactly this. */
    static String write(CipDetails d) {
        try {
            return KycJson.MAPPER.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CIP record always serialises", e);
        }
    }

    static CipDetails read(String json) {
        try {
            return KycJson.MAPPER.readValue(json, CipDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored CIP record no longer reads: " + e.getOriginalMessage(), e);
        }
    }
}
