package dev.gatehouse.audit;

import dev.gatehouse.store.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Rows of audit_log and audit_checkpoints read back into records; shared by the log and the verifier. */
final class AuditReader {
    private AuditReader() {}

    static AuditRecord record(ResultSet rs) throws SQLException {
        AuditEntry e = new AuditEntry(AuditCategory.parse(rs.getString("category")), rs.getString("actor"),
                rs.getString("action"), rs.getString("subject"), rs.getString("before_json"), rs.getString("after_json"));
        return new AuditRecord(rs.getLong("seq"), Jdbc.time(rs, "ts"), e, rs.getString("prev_hash"), rs.getString("hash"),
                rs.getBoolean("purged"));
    }

    static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getLong("seq"), Jdbc.time(rs, "ts"), rs.getString("hash"),
                rs.getString("signature"), rs.getString("key_id"));
    }

    static Optional<Checkpoint> checkpointAt(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_checkpoints WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
            }
        }
    }
}
