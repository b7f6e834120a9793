package dev.gatehouse.policy.pii;

import dev.gatehouse.policy.pii.SubjectCounter.Threshold;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Records the personal information sent to deployments outside mainland China (PIPL cross-border
 * transfers) and watches the yearly subject counts against the PIPL thresholds.
 * <p>
 * {@link #record} runs on the event loop: it hashes each identifier (salted SHA-256; the salt is
 * made once per database in {@code pi_salt} and shared by every instance), counts the subject in a
 * per-year {@link SubjectCounter}, and queues one row per distinct subject of the request for a
 * batching writer thread. The counter starts from the current year's rows, so counting survives
 * restarts; with several instances each counts what it loaded plus what it recorded since, so the
 * alert may come late by the others' new subjects; {@link #counts} is the exact figure.
 * <p>
 * When a count reaches {@code alertAt} of a threshold, the {@link AlertListener} is called once
 * for that threshold and year (on the recording thread, so it must not block). Thresholds already
 * reached when the recorder starts were alerted by whoever crossed them and are not alerted again;
 * {@link #approaching()} lists them.
 */
public final class TransferRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransferRecorder.class);

    /** Told when a yearly count reaches the alert fraction of a PIPL threshold. Must not block. */
    @FunctionalInterface
    public interface AlertListener {
        void approaching(Alert alert);
    }

    /**
     * @param count   distinct subjects (sensitive ones for the sensitive threshold) this year so far
     * @param limit   the threshold's number of people
     * @param alertAt the configured fraction that triggered the alert
     */
    public record Alert(int year, Threshold threshold, long count, long limit, double alertAt) {}

    /** A year's transfers: distinct subjects, distinct subjects of sensitive kinds, and rows. */
    public record Snapshot(int year, long subjects, long sensitiveSubjects, long records) {}

    private final Clock clock;
    private final SubjectCounter counter;
    private final double alertAt;
    private final AlertListener listener;
    private final ToLongFunction<Threshold> limitOf;
    private final Set<String> alerted = ConcurrentHashMap.newKeySet();
    private final TransferWriter writer;
    private volatile boolean closed;

    private TransferRecorder(Database db, Clock clock, SubjectCounter counter, double alertAt, AlertListener listener,
                             ToLongFunction<Threshold> limitOf) {
        this.clock = clock;
        this.counter = counter;
        this.alertAt = alertAt;
        this.listener = listener;
        this.limitOf = limitOf;
        this.writer = new TransferWriter(db);
    }

    /** Opens the recorder (blocking: reads the salt and this year's subjects), for start-up. */
    public static TransferRecorder open(Database db, Clock clock, double alertAt, AlertListener listener) {
        return open(db, clock, alertAt, listener, Threshold::people);
    }

    /** As {@link #open(Database, Clock, double, AlertListener)}, with other thresholds (for tests). */
    static TransferRecorder open(Database db, Clock clock, double alertAt, AlertListener listener, ToLongFunction<Threshold> limitOf) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        if (!(alertAt > 0 && alertAt <= 1)) throw new IllegalArgumentException("alertAt must be in (0, 1]: " + alertAt);
        SubjectCounter counter = new SubjectCounter(salt(db), clock);
        int year = yearOf(clock, clock.instant());
        load(db, counter, year);
        TransferRecorder recorder = new TransferRecorder(db, clock, counter, alertAt, listener, limitOf);
        for (Threshold t : recorder.approaching()) recorder.alerted.add(year + ":" + t);
        return recorder;
    }

    /**
     * Records the findings of one request sent to {@code provider} (processing in
     * {@code processingRegion}). Never blocks. Each distinct subject of the request is one row.
     *
     * @throws IllegalArgumentException on a missing or over-long field or a null finding; nothing is recorded then
     */
    public void record(String requestId, String customerId, String provider, String processingRegion, List<Finding> findings) {
        check("requestId", requestId, 64, true);
        check("customerId", customerId, 40, false);
        check("provider", provider, 100, true);
        check("processingRegion", processingRegion, 20, true);
        if (findings == null) throw new IllegalArgumentException("findings must not be null");
        for (Finding f : findings) if (f == null) throw new IllegalArgumentException("findings must not contain null");
        if (closed) throw new IllegalStateException("the transfer recorder is closed");
        if (findings.isEmpty()) return;
        Instant now = clock.instant();
        int year = yearOf(clock, now);
        Set<String> seen = new HashSet<>();
        for (Finding f : findings) {
            String hash = counter.subjectHash(f.kind(), f.text());
            if (!seen.add(hash)) continue;
            boolean sensitive = f.kind().sensitivity() == Sensitivity.SENSITIVE;
            counter.recordHash(year, hash, sensitive);
            writer.offer(new TransferWriter.Row(Ids.next("pit"), now, year, requestId, customerId, provider,
                    processingRegion, storedKind(f.kind()), sensitive, hash));
        }
        alertIfReached(year);
    }

    /** This year's subjects as counted in memory. */
    public SubjectCounter.Snapshot current() {
        return counter.snapshot(yearOf(clock, clock.instant()));
    }

    /** The thresholds whose count has reached the alert fraction this year. */
    public List<Threshold> approaching() {
        SubjectCounter.Snapshot now = current();
        List<Threshold> out = new ArrayList<>();
        for (Threshold t : Threshold.values()) {
            if (now.count(t) >= alertAt * limitOf.applyAsLong(t)) out.add(t);
        }
        return out;
    }

    /** Rows not stored because the store stayed unavailable (see {@link TransferWriter}). */
    public long dropped() { return writer.dropped(); }

    /** Waits until the queued rows are stored; for tests. */
    boolean awaitStored(Duration timeout) { return writer.awaitIdle(timeout); }

    /** The exact counts of a year from the store (blocking), for reports and the admin API. */
    public static Snapshot counts(Database db, int year) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT subject_hash),"
                    + " COUNT(DISTINCT CASE WHEN sensitive THEN subject_hash END), COUNT(*) FROM pi_transfers WHERE transfer_year = ?")) {
                ps.setInt(1, year);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Snapshot(year, rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    /** Stores what is still queued, then stops. */
    @Override
    public void close() {
        closed = true;
        writer.close();
    }

    private void alertIfReached(int year) {
        SubjectCounter.Snapshot now = counter.snapshot(year);
        for (Threshold t : Threshold.values()) {
            long limit = limitOf.applyAsLong(t);
            if (now.count(t) >= alertAt * limit && alerted.add(year + ":" + t)) {
                try {
                    listener.approaching(new Alert(year, t, now.count(t), limit, alertAt));
                } catch (RuntimeException e) {
                    log.error("the cross-border threshold alert for {} {} failed", t, year, e);
                }
            }
        }
    }

    /** The detector names of the {@code kind} column, as the migration documents them. */
    static String storedKind(PiiKind kind) {
        return kind.wire();
    }

    private static void check(String name, String value, int maxLength, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) throw new IllegalArgumentException(name + " is required");
            if (value == null) return;
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > maxLength) throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
    }

    private static int yearOf(Clock clock, Instant at) {
        return LocalDate.ofInstant(at, clock.getZone()).getYear();
    }

    /** The database's salt, made on first use; instances racing to make it agree on the first one stored. */
    private static byte[] salt(Database db) {
        String hex = db.withConnection(c -> {
            String existing = readSalt(c);
            if (existing != null) return existing;
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pi_salt (id, salt) VALUES (1, ?)")) {
                ps.setString(1, HexFormat.of().formatHex(fresh));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) throw e; // another instance won the race
            }
            return readSalt(c);
        });
        return HexFormat.of().parseHex(hex);
    }

    private static String readSalt(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT salt FROM pi_salt WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void load(Database db, SubjectCounter counter, int year) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT subject_hash, sensitive FROM pi_transfers WHERE transfer_year = ?")) {
                ps.setFetchSize(10_000); // a cursor on PostgreSQL: a busy year does not land in memory twice
                ps.setInt(1, year);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) counter.recordHash(year, rs.getString(1), rs.getBoolean(2));
                }
            }
            return null;
        });
    }
}
