package dev.gatehouse.audit;

import dev.gatehouse.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * <p>
 * Retention: a purged entry keeps only seq, ts, category and the digest of its erased body, which
 * still link it into the chain (see {@link Canonical}). It is accepted only when a later, intact
 * {@code retention.purge} entry covers it (same category, ts before the purge's cutoff, seq up to
 * the head at purge time), and each purge entry must cover exactly as many erased entries as it
 * records. So erasing an entry outside a purge, or a purge that does not match its record, breaks
 * verification; a purge entry is itself chained and checkpointed like any other.
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
        List<AuditRecord> unaccounted = new ArrayList<>(); // purged entries no purge record has covered yet
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
                    String hash;
                    if (r.purged()) {
                        // the body is gone: link through the digest kept for it, and hold the entry
                        // against a later purge record
                        if (!isEmptied(r.entry())) {
                            return new VerifyResult.Broken(r.seq(), "entry " + r.seq() + " is marked purged but still has content");
                        }
                        hash = Canonical.hash(prev, r.seq(), r.ts(), r.entry().category(), rs.getString("body_digest"));
                        unaccounted.add(r);
                    } else {
                        hash = Canonical.hash(prev, r.seq(), r.ts(), r.entry());
                    }
                    if (!hash.equals(r.hash())) {
                        return new VerifyResult.Broken(r.seq(), "entry " + r.seq()
                                + " was edited: its contents no longer hash to its stored hash");
                    }
                    PurgeMarker marker = r.purged() ? null : PurgeMarker.of(r.entry());
                    if (marker != null) {
                        VerifyResult bad = account(marker, r.seq(), unaccounted);
                        if (bad != null) return bad;
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
        if (!unaccounted.isEmpty()) {
            long seq = unaccounted.getFirst().seq();
            return new VerifyResult.Broken(seq, "entry " + seq + " was erased, but no retention purge entry records it");
        }
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

    /** Removes the purged entries {@code marker} covers; their number must be the number it records. */
    private static VerifyResult account(PurgeMarker marker, long markerSeq, List<AuditRecord> unaccounted) {
        int before = unaccounted.size();
        unaccounted.removeIf(p -> marker.covers(p.entry().category(), p.ts(), p.seq()));
        int covered = before - unaccounted.size();
        if (covered != marker.purged()) {
            return new VerifyResult.Broken(markerSeq, "the retention purge at " + markerSeq + " records " + marker.purged()
                    + " erased entries, but " + covered + " erased entries before it match it");
        }
        return null;
    }

    private static boolean isEmptied(AuditEntry e) {
        return e.actor().isEmpty() && e.action().isEmpty() && e.subject() == null && e.beforeJson() == null && e.afterJson() == null;
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
