package dev.gatehouse.audit;

import dev.gatehouse.store.Database;
import dev.gatehouse.store.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append-only, hash-chained audit log. Every call blocks on JDBC: run it through
 * {@link dev.gatehouse.store.Blocking}, never on an event loop.
 * <p>
 * Serialisation: each append is one transaction that reads the chain's head with
 * {@code SELECT ... FOR UPDATE} on the one-row {@code audit_head} table, inserts the entry linked to
 * that head, and moves the head. The row lock (PostgreSQL and H2 both honour it) makes appends from
 * several gateway instances over one database queue behind each other, so the chain stays linear
 * and no two entries get the same seq or prev_hash. Inside one JVM a lock in front of the
 * transaction also queues the writers, so they wait on a cheap in-memory lock instead of holding
 * pooled connections while waiting on the database lock (and H2's lock timeout is not hit).
 * <p>
 * A checkpoint is signed in the same transaction as every {@code checkpointEvery}-th entry, and on
 * demand by {@link #checkpoint()}.
 */
public final class AuditLog {
    public static final int DEFAULT_CHECKPOINT_EVERY = 1_000;
    /** What a purge does to an entry: the body goes; seq, ts, category and the body's digest stay to keep the chain. */
    private static final String ERASE = "UPDATE audit_log SET actor = '', action = '', subject = NULL,"
            + " before_json = NULL, after_json = NULL, purged = TRUE";

    private final Database db;
    private final AuditKey key;
    private final int checkpointEvery;
    private final Clock clock;
    private final ReentrantLock writer = new ReentrantLock(true);

    public AuditLog(Database db, AuditKey key, int checkpointEvery, Clock clock) {
        if (checkpointEvery < 1) throw new IllegalArgumentException("checkpointEvery must be at least 1, not " + checkpointEvery);
        this.db = db;
        this.key = key;
        this.checkpointEvery = checkpointEvery;
        this.clock = clock;
    }

    public AuditLog(Database db, AuditKey key) {
        this(db, key, DEFAULT_CHECKPOINT_EVERY, Clock.systemUTC());
    }

    /** Appends {@code entry} as the chain's next link and returns it as stored. */
    public AuditRecord append(AuditEntry entry) {
        writer.lock();
        try {
            return db.inTransaction(c -> appendLocked(c, lockHead(c), entry));
        } finally {
            writer.unlock();
        }
    }

    /**
     * Appends {@code entries} in order in one transaction (all or none), checking for a checkpoint
     * after each as {@link #append} does. Returns them as stored.
     */
    public List<AuditRecord> appendAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) return List.of();
        writer.lock();
        try {
            return db.inTransaction(c -> appendAllLocked(c, entries));
        } finally {
            writer.unlock();
        }
    }

    /** A change to the store that names the audit entries recording it. */
    @FunctionalInterface
    public interface RecordedWork<T> {
        /** Makes the change on {@code c} and adds the entries that record it to {@code entries}. */
        T run(Connection c, List<AuditEntry> entries) throws SQLException;
    }

    /**
     * Runs {@code work} and appends the entries it names in the same transaction, so a change and its
     * audit entries commit together or not at all (a decision never stands without its record, nor a
     * record without its decision). The chain's head is locked only after the work, so other
     * instances' appends wait only for the commit.
     */
    public <T> T inTransaction(RecordedWork<T> work) {
        writer.lock();
        try {
            return db.inTransaction(c -> {
                List<AuditEntry> entries = new ArrayList<>();
                T result = work.run(c, entries);
                appendAllLocked(c, entries);
                return result;
            });
        } finally {
            writer.unlock();
        }
    }

    private List<AuditRecord> appendAllLocked(Connection c, List<AuditEntry> entries) throws SQLException {
        if (entries.isEmpty()) return List.of();
        return appendRecords(c, lockHead(c), entries);
    }

    /**
     * Erases the bodies of {@code category}'s entries older than {@code before} and appends the
     * {@code retention} entry that records it, in one transaction under the head lock (so no entry
     * can slip in between). The stubs keep seq, ts, category and body digest, so the chain still
     * verifies; {@link AuditVerifier} accepts an erased entry only if a later purge entry covers it.
     * Returns that purge entry, or empty if nothing was old enough.
     */
    public Optional<AuditRecord> purge(AuditCategory category, Instant before, String actor) {
        String why = AuditRetention.whyNotPurgeable(category);
        if (why != null) throw new IllegalArgumentException(category.wire() + ": " + why);
        writer.lock();
        try {
            return db.inTransaction(c -> {
                Head head = lockHead(c);
                int purged;
                try (PreparedStatement ps = c.prepareStatement(ERASE + " WHERE category = ? AND ts < ? AND seq <= ? AND purged = FALSE")) {
                    ps.setString(1, category.wire());
                    Jdbc.time(ps, 2, before);
                    ps.setLong(3, head.seq);
                    purged = ps.executeUpdate();
                }
                if (purged == 0) return Optional.<AuditRecord>empty();
                PurgeMarker marker = new PurgeMarker(category, Jdbc.truncate(before), head.seq, purged);
                return Optional.of(appendLocked(c, head, new AuditEntry(AuditCategory.RETENTION, actor,
                        PurgeMarker.ACTION, category.wire(), null, marker.toJson())));
            });
        } finally {
            writer.unlock();
        }
    }

    /**
     * Erases the bodies of every {@code category} entry about {@code subject} (a customer whose KYC
     * records are being purged), appending one {@code retention} entry per category that names the
     * erased entries by seq, so the verifier can hold each against it. Returns those entries.
     */
    public List<AuditRecord> purgeSubject(String subject, List<AuditCategory> categories, String actor) {
        writer.lock();
        try {
            return db.inTransaction(c -> {
                Head head = lockHead(c);
                Instant now = Jdbc.now(clock);
                List<AuditRecord> out = new ArrayList<>();
                for (AuditCategory category : categories) {
                    if (category == AuditCategory.RETENTION) throw new IllegalArgumentException("retention entries are never purged");
                    List<Long> seqs = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_log"
                            + " WHERE category = ? AND subject = ? AND seq <= ? AND purged = FALSE ORDER BY seq")) {
                        ps.setString(1, category.wire());
                        ps.setString(2, subject);
                        ps.setLong(3, head.seq);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) seqs.add(rs.getLong(1));
                        }
                    }
                    if (seqs.isEmpty()) continue;
                    try (PreparedStatement ps = c.prepareStatement(ERASE + " WHERE seq = ?")) {
                        for (long seq : seqs) {
                            ps.setLong(1, seq);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    PurgeMarker marker = PurgeMarker.ofSubject(category, now, head.seq, subject, seqs);
                    AuditRecord r = appendLocked(c, head, new AuditEntry(AuditCategory.RETENTION, actor,
                            PurgeMarker.ACTION, category.wire(), null, marker.toJson()));
                    head = new Head(r.seq(), r.hash());
                    out.add(r);
                }
                return out;
            });
        } finally {
            writer.unlock();
        }
    }

    private AuditRecord appendLocked(Connection c, Head head, AuditEntry entry) throws SQLException {
        return appendRecords(c, head, List.of(entry)).get(0);
    }

    /**
     * Chains {@code entries} after {@code head}, inserts them as one JDBC batch, signs a checkpoint
     * wherever a sequence number falls due, and moves the head once: a batch of n entries costs one
     * statement round and one head update, not n of each.
     */
    private List<AuditRecord> appendRecords(Connection c, Head head, List<AuditEntry> entries) throws SQLException {
        Instant ts = Jdbc.now(clock);
        List<AuditRecord> out = new ArrayList<>(entries.size());
        String[] digests = new String[entries.size()];
        long seq = head.seq;
        String hash = head.hash;
        for (int i = 0; i < digests.length; i++) {
            AuditEntry entry = entries.get(i);
            seq++;
            digests[i] = Canonical.bodyDigest(entry);
            AuditRecord record = new AuditRecord(seq, ts, entry, hash, Canonical.hash(hash, seq, ts, entry.category(), digests[i]), false);
            out.add(record);
            hash = record.hash();
        }
        insert(c, out, digests);
        for (AuditRecord r : out) {
            if (r.seq() % checkpointEvery == 0) insertCheckpoint(c, r.seq(), r.hash(), r.ts());
        }
        moveHead(c, seq, hash);
        return out;
    }

    /** Signs the current head now; empty if the log is empty. An existing checkpoint at the head is returned as is. */
    public Optional<Checkpoint> checkpoint() {
        writer.lock();
        try {
            return db.inTransaction(c -> {
                Head head = lockHead(c);
                if (head.seq == 0) return Optional.<Checkpoint>empty();
                Optional<Checkpoint> existing = AuditReader.checkpointAt(c, head.seq);
                if (existing.isPresent()) return existing;
                return Optional.of(insertCheckpoint(c, head.seq, head.hash, Jdbc.now(clock)));
            });
        } finally {
            writer.unlock();
        }
    }

    /** The last {@code n} entries, oldest first (reading needs no key). */
    public static List<AuditRecord> tail(Database db, int n) {
        return db.withConnection(c -> {
            List<AuditRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?")) {
                ps.setInt(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(AuditReader.record(rs));
                }
            }
            Collections.reverse(out);
            return out;
        });
    }

    private record Head(long seq, String hash) {}

    private static Head lockHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw new IllegalStateException("audit_head has no row; the V8 migration did not run");
            return new Head(rs.getLong(1), rs.getString(2));
        }
    }

    /** Inserts the records; {@code digests[i]} is record i's body digest (already computed for its hash). */
    private static void insert(Connection c, List<AuditRecord> records, String[] digests) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (seq, ts, category, actor, action, subject,"
                + " before_json, after_json, body_digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < digests.length; i++) {
                AuditRecord r = records.get(i);
                AuditEntry e = r.entry();
                ps.setLong(1, r.seq());
                Jdbc.time(ps, 2, r.ts());
                ps.setString(3, e.category().wire());
                ps.setString(4, e.actor());
                ps.setString(5, e.action());
                Jdbc.text(ps, 6, e.subject());
                Jdbc.text(ps, 7, e.beforeJson());
                Jdbc.text(ps, 8, e.afterJson());
                ps.setString(9, digests[i]);
                ps.setString(10, r.prevHash());
                ps.setString(11, r.hash());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void moveHead(Connection c, long seq, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
    }

    private Checkpoint insertCheckpoint(Connection c, long seq, String hash, Instant ts) throws SQLException {
        Checkpoint cp = new Checkpoint(seq, ts, hash, key.signBase64(Canonical.checkpointBytes(seq, hash)), key.keyId());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_checkpoints (seq, ts, hash, signature, key_id) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, cp.seq());
            Jdbc.time(ps, 2, cp.ts());
            ps.setString(3, cp.hash());
            ps.setString(4, cp.signatureBase64());
            ps.setString(5, cp.keyId());
            ps.executeUpdate();
        }
        return cp;
    }
}
