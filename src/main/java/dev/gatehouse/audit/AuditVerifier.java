package dev.gatehouse.audit;

import dev.gatehouse.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks the whole chain from seq 1, recomputing every hash, and checks every checkpoint's signature
 * against the trusted public key and its hash against the chain. Blocks on JDBC.
 * <p>
 * What each break looks like: an edited entry no longer hashes to its stored hash; a deleted entry
 * leaves a gap in seq; a reordered or replaced entry has a prev_hash (or a seq inside its hashed
 * bytes) that does not fit its place; entries deleted from the end leave the head or a checkpoint
 * pointing past the last entry. A rewritten tail (entries recomputed after an edit) is caught by
 * the signed checkpoints, which an attacker without the private key cannot re-sign.
 */
public final class AuditVerifier {
    private static final int FETCH = 1_000;

    private final Database db;
    private final AuditKey trusted;

    public AuditVerifier(Database db, AuditKey trusted) {
        this.db = db;
        this.trusted = trusted;
    }

    public VerifyResult verify() {
        // A transaction so that PostgreSQL streams the rows with a cursor instead of loading them all.
        return db.inTransaction(this::verify);
    }

    private VerifyResult verify(Connection c) throws SQLException {
        TreeMap<Long, Checkpoint> checkpoints = checkpoints(c);
        Iterator<Map.Entry<Long, Checkpoint>> pending = checkpoints.entrySet().iterator();
        Map.Entry<Long, Checkpoint> nextCp = pending.hasNext() ? pending.next() : null;
        long expected = 1;
        String prev = Canonical.GENESIS;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_log ORDER BY seq")) {
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditRecord r = AuditReader.record(rs);
                    // checkpoints that fall into a gap are reported as the gap below
                    if (r.seq() != expected) {
                        return new VerifyResult.Broken(expected, r.seq() == expected + 1
                                ? "entry " + expected + " is missing (deleted): the chain jumps from " + (expected - 1) + " to " + r.seq()
                                : "entries " + expected + ".." + (r.seq() - 1) + " are missing (deleted): the chain jumps from "
                                        + (expected - 1) + " to " + r.seq());
                    }
                    if (!r.prevHash().equals(prev)) {
                        return new VerifyResult.Broken(r.seq(), "entry " + r.seq() + " does not follow entry " + (r.seq() - 1)
                                + ": its prev_hash is not that entry's hash (reordered or replaced)");
                    }
                    String hash = Canonical.hash(prev, r.seq(), r.ts(), r.entry());
                    if (!hash.equals(r.hash())) {
                        return new VerifyResult.Broken(r.seq(), "entry " + r.seq()
                                + " was edited: its contents no longer hash to its stored hash");
                    }
                    if (nextCp != null && nextCp.getKey() == r.seq()) {
                        VerifyResult bad = checkCheckpoint(nextCp.getValue(), hash);
                        if (bad != null) return bad;
                        nextCp = pending.hasNext() ? pending.next() : null;
                    }
                    prev = hash;
                    expected++;
                }
            }
        }
        long last = expected - 1;
        if (nextCp != null) {
            return new VerifyResult.Broken(last + 1, "entries after " + last + " are missing (deleted): a checkpoint vouches for entry "
                    + nextCp.getKey());
        }
        long head = headSeq(c);
        if (head != last) {
            return new VerifyResult.Broken(Math.min(head, last) + 1, head > last
                    ? "entries " + (last + 1) + ".." + head + " are missing (deleted): the chain's head is at " + head
                    : "entries after " + head + " were not appended through the log: the chain's head is at " + head);
        }
        return new VerifyResult.Ok(last, checkpoints.size());
    }

    private VerifyResult checkCheckpoint(Checkpoint cp, String chainHash) {
        if (!cp.keyId().equals(trusted.keyId())) {
            return new VerifyResult.Broken(cp.seq(), "the checkpoint at " + cp.seq() + " is signed by key " + cp.keyId()
                    + ", not by the trusted audit key " + trusted.keyId());
        }
        if (!trusted.verify(Canonical.checkpointBytes(cp.seq(), cp.hash()), cp.signatureBase64())) {
            return new VerifyResult.Broken(cp.seq(), "the checkpoint at " + cp.seq() + " has a bad signature (forged or altered)");
        }
        if (!cp.hash().equals(chainHash)) {
            return new VerifyResult.Broken(cp.seq(), "the checkpoint at " + cp.seq()
                    + " vouches for a different hash than the chain has: the chain was rewritten");
        }
        return null;
    }

    private static TreeMap<Long, Checkpoint> checkpoints(Connection c) throws SQLException {
        TreeMap<Long, Checkpoint> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_checkpoints ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getLong("seq"), AuditReader.checkpoint(rs));
        }
        return out;
    }

    private static long headSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
