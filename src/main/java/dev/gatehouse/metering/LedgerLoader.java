package dev.gatehouse.metering;

import dev.gatehouse.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves journaled usage records into {@code usage_records}, off the event loops: every
 * {@code interval} it seals the journal's current segment, inserts each closed segment's records
 * in JDBC batches (one transaction per segment in PostgreSQL, per batch in H2) and deletes the
 * segments once committed (and, for H2, checkpointed).
 * <p>Exactly once: the insert skips records already present ({@code ON CONFLICT DO NOTHING};
 * H2 (2.4) in PostgreSQL mode accepts it only without a conflict target, and the primary key
 * {@code (ts, request_id)} is the table's only unique constraint, so both databases skip exactly
 * the known records: a replayed record carries the same request id and time), so a crash between
 * commit and delete, or a replay of segments left by a killed process, inserts nothing twice. A segment that fails to load (database
 * down) stays and is retried on the next round.
 */
public final class LedgerLoader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerLoader.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    /**
     * Rows per JDBC batch. Embedded H2 also commits after each batch: until a commit it keeps every
     * row's uncommitted versions and undo entries on the heap, and each young collection that meets
     * them copies them (one transaction per segment made the collections' pauses 17.7 ms on average
     * with every control under load; a commit per 100 rows, 11.1 ms). An H2 commit writes nothing to
     * the disk ({@link #makeDurable} forces the data before segments are deleted); a PostgreSQL commit
     * waits for its WAL flush, so PostgreSQL commits once per segment, in batches of 500.
     */
    private static final int H2_BATCH = 100;
    private static final int POSTGRES_BATCH = 500;
    static final String INSERT = "INSERT INTO usage_records (request_id, ts, customer_id, project_id, key_id, route, provider,"
            + " upstream_model, region, status, error_code, input_tokens, output_tokens, cached_tokens, tokens_reported,"
            + " cost_usd_nanos, cost_cny_nanos, price_id, latency_ms, ttft_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final Journal journal;
    private final Database db;
    private final Duration interval;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean failing;

    public LedgerLoader(Journal journal, Database db) { this(journal, db, DEFAULT_INTERVAL); }

    public LedgerLoader(Journal journal, Database db, Duration interval) {
        this.journal = journal;
        this.db = db;
        this.interval = interval;
    }

    /**
     * Replays every segment left in the journal (blocking: call it at start-up, not on an event
     * loop), then keeps loading every interval on a thread of its own. Returns how many records the
     * replay inserted (those the database did not have yet).
     */
    public synchronized int start() {
        if (scheduler != null) throw new IllegalStateException("already started");
        int replayed = loadNow();
        if (replayed > 0) log.info("usage journal replay: {} records were not yet in the ledger and are now", replayed);
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gatehouse-ledger").factory());
        scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return replayed;
    }

    /**
     * One round. Catches errors as well as exceptions (an embedded store can fail with an
     * {@code AssertionError}): the executor would otherwise cancel the schedule without a word, the
     * journal would grow, and once it is 32 MiB behind every request would wait for a loader that
     * no longer runs.
     */
    private void tick() {
        try {
            loadNow();
            if (failing) log.info("usage ledger loading works again");
            failing = false;
        } catch (RuntimeException | Error e) {
            if (!failing) log.error("cannot load the usage journal into the database (will retry; records stay in the journal): {}", e.toString());
            failing = true;
        }
    }

    /**
     * Loads every closed segment now, oldest first (blocking). Returns the number of records
     * inserted; records already in the ledger are skipped.
     */
    public synchronized int loadNow() {
        List<JournalSegment> segments = journal.seal();
        if (segments.isEmpty()) return 0;
        int inserted = 0;
        for (JournalSegment segment : segments) inserted += load(segment);
        makeDurable();
        segments.forEach(journal::delete);
        return inserted;
    }

    /**
     * PostgreSQL has the rows on disk once the commit returns. Embedded H2 writes committed data to
     * its file in the background (up to half a second later), so a kill in that window would lose
     * rows whose journal segment was already deleted: force them to the device first.
     */
    private void makeDurable() {
        if (db.isPostgres()) return;
        db.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                return s.execute("CHECKPOINT SYNC");
            }
        });
    }

    /** One segment, streamed from the file in JDBC batches and committed as {@link #H2_BATCH} says. */
    private int load(JournalSegment segment) {
        return insert(batches -> segment.forEach(batches::add), "journal segment " + segment.path());
    }

    private int insert(List<UsageRecord> records) {
        if (records.isEmpty()) return 0;
        return insert(batches -> {
            for (UsageRecord r : records) batches.add(r);
        }, "records");
    }

    /** Inserts what {@code source} feeds; {@code origin} names it if it cannot be read. */
    private int insert(RecordSource source, String origin) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                Batches batches = new Batches(ps, db.isPostgres());
                source.feed(batches);
                return batches.finish();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + origin, e);
            }
        });
    }

    /** Feeds records to the batches: a segment's file or a list. */
    @FunctionalInterface
    private interface RecordSource {
        void feed(Batches batches) throws SQLException, IOException;
    }

    /** Binds records into JDBC batches of the store's size, committing after each on H2; counts the rows inserted. */
    private static final class Batches {
        private final PreparedStatement ps;
        private final int size;
        private final boolean commitEachBatch;
        private int pending;
        private int inserted;

        Batches(PreparedStatement ps, boolean postgres) {
            this.ps = ps;
            this.size = postgres ? POSTGRES_BATCH : H2_BATCH;
            this.commitEachBatch = !postgres;
        }

        void add(UsageRecord r) throws SQLException {
            bind(ps, r);
            ps.addBatch();
            if (++pending == size) flush();
        }

        int finish() throws SQLException {
            if (pending > 0) flush();
            return inserted;
        }

        private void flush() throws SQLException {
            inserted += count(ps.executeBatch());
            if (commitEachBatch) ps.getConnection().commit();
            pending = 0;
        }
    }

    /** Inserts records directly (tests and tools); skips those already present. Returns how many were new. */
    public static int insert(Database db, List<UsageRecord> records) {
        return new LedgerLoader(null, db).insert(records);
    }

    private static int count(int[] results) {
        int n = 0;
        // SUCCESS_NO_INFO (-2) happens with some drivers for batched statements; count it as inserted.
        for (int r : results) if (r > 0 || r == Statement.SUCCESS_NO_INFO) n++;
        return n;
    }

    static void bind(PreparedStatement ps, UsageRecord r) throws SQLException {
        ps.setString(1, r.requestId());
        ps.setObject(2, OffsetDateTime.ofInstant(r.time(), ZoneOffset.UTC));
        ps.setString(3, r.customerId());
        ps.setString(4, r.projectId());
        ps.setString(5, r.keyId());
        ps.setString(6, r.route());
        ps.setString(7, r.provider());
        ps.setString(8, r.upstreamModel());
        ps.setString(9, r.region());
        ps.setInt(10, r.status());
        ps.setString(11, r.errorCode());
        ps.setLong(12, r.inputTokens());
        ps.setLong(13, r.outputTokens());
        ps.setLong(14, r.cachedTokens());
        ps.setBoolean(15, r.tokensReported());
        ps.setLong(16, r.costUsdNanos());
        ps.setLong(17, r.costCnyNanos());
        ps.setString(18, r.priceId());
        ps.setInt(19, r.latencyMs());
        if (r.ttfbMs() != null) ps.setInt(20, r.ttfbMs()); else ps.setNull(20, Types.INTEGER);
    }

    /** Stops the background loading and loads what is left (blocking). */
    @Override
    public void close() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdown();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            loadNow();
        } catch (RuntimeException e) {
            log.error("could not load the last usage records at shutdown (they stay in the journal for the next start): {}", e.toString());
        }
    }

}
