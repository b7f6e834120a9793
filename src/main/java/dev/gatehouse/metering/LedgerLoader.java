package dev.gatehouse.metering;

import dev.gatehouse.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves journaled usage records into {@code usage_records}, off the event loops: every
 * {@code interval} it seals the journal's current segment, inserts each closed segment's records
 * in INSERT statements of {@value #ROWS_PER_STATEMENT} rows each (one transaction per segment in
 * PostgreSQL, per statement in H2) and deletes the segments once committed (and, for H2, checkpointed).
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
     * Rows per INSERT statement. Each batch is one statement with this many rows in its VALUES
     * list: the database plans and executes it once instead of once per row, and its update count
     * says exactly how many rows were new (a driver that rewrites JDBC batches into such statements
     * itself, as PostgreSQL's does with {@code reWriteBatchedInserts}, reports no count per row).
     * Embedded H2 also commits after each statement: until a commit it keeps every row's
     * uncommitted versions and undo entries on the heap, and each young collection that meets them
     * copies them (one transaction per segment made the collections' pauses 17.7 ms on average with
     * every control under load; a commit per 100 rows, 11.1 ms). An H2 commit writes nothing to the
     * disk ({@link #makeDurable} forces the data before segments are deleted); a PostgreSQL commit
     * waits for its WAL flush, so PostgreSQL commits once per segment.
     */
    static final int ROWS_PER_STATEMENT = 100;
    private static final String COLUMNS = "INSERT INTO usage_records (request_id, ts, customer_id, project_id, key_id, route, provider,"
            + " upstream_model, region, status, error_code, input_tokens, output_tokens, cached_tokens, tokens_reported,"
            + " cost_usd_nanos, cost_cny_nanos, price_id, latency_ms, ttft_ms) VALUES ";
    private static final int COLUMN_COUNT = 20;
    private static final String ROW = "(" + "?, ".repeat(COLUMN_COUNT - 1) + "?)";
    /** The statement for a full batch, built once. */
    private static final String INSERT_FULL = insertOf(ROWS_PER_STATEMENT);

    /** An INSERT of {@code rows} rows that skips the records already present. */
    private static String insertOf(int rows) {
        return COLUMNS + String.join(", ", Collections.nCopies(rows, ROW)) + " ON CONFLICT DO NOTHING";
    }

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
            try (Batches batches = new Batches(c, !db.isPostgres())) {
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

    /**
     * Collects records into statements of {@link #ROWS_PER_STATEMENT} rows (the last one shorter),
     * committing after each on H2; counts the rows inserted.
     */
    private static final class Batches implements AutoCloseable {
        private final Connection connection;
        private final boolean commitEachStatement;
        private final List<UsageRecord> pending = new ArrayList<>(ROWS_PER_STATEMENT);
        private PreparedStatement full;
        private int inserted;

        Batches(Connection connection, boolean commitEachStatement) {
            this.connection = connection;
            this.commitEachStatement = commitEachStatement;
        }

        void add(UsageRecord r) throws SQLException {
            pending.add(r);
            if (pending.size() == ROWS_PER_STATEMENT) {
                if (full == null) full = connection.prepareStatement(INSERT_FULL);
                execute(full);
            }
        }

        int finish() throws SQLException {
            if (!pending.isEmpty()) {
                try (PreparedStatement tail = connection.prepareStatement(insertOf(pending.size()))) {
                    execute(tail);
                }
            }
            return inserted;
        }

        private void execute(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < pending.size(); i++) bind(ps, i * COLUMN_COUNT, pending.get(i));
            inserted += ps.executeUpdate();
            if (commitEachStatement) connection.commit();
            pending.clear();
        }

        @Override
        public void close() throws SQLException {
            if (full != null) full.close();
        }
    }

    /** Inserts records directly (tests and tools); skips those already present. Returns how many were new. */
    public static int insert(Database db, List<UsageRecord> records) {
        return new LedgerLoader(null, db).insert(records);
    }

    /** Binds {@code r} to the row whose first parameter follows parameter {@code at}. */
    static void bind(PreparedStatement ps, int at, UsageRecord r) throws SQLException {
        ps.setString(at + 1, r.requestId());
        ps.setObject(at + 2, OffsetDateTime.ofInstant(r.time(), ZoneOffset.UTC));
        ps.setString(at + 3, r.customerId());
        ps.setString(at + 4, r.projectId());
        ps.setString(at + 5, r.keyId());
        ps.setString(at + 6, r.route());
        ps.setString(at + 7, r.provider());
        ps.setString(at + 8, r.upstreamModel());
        ps.setString(at + 9, r.region());
        ps.setInt(at + 10, r.status());
        ps.setString(at + 11, r.errorCode());
        ps.setLong(at + 12, r.inputTokens());
        ps.setLong(at + 13, r.outputTokens());
        ps.setLong(at + 14, r.cachedTokens());
        ps.setBoolean(at + 15, r.tokensReported());
        ps.setLong(at + 16, r.costUsdNanos());
        ps.setLong(at + 17, r.costCnyNanos());
        ps.setString(at + 18, r.priceId());
        ps.setInt(at + 19, r.latencyMs());
        if (r.ttfbMs() != null) ps.setInt(at + 20, r.ttfbMs()); else ps.setNull(at + 20, Types.INTEGER);
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
