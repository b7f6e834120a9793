package dev.gatehouse.policy.pii;

import dev.gatehouse.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes transfer rows on a thread of its own, in batches, so recording never waits on the store.
 * A store outage is retried with backoff while the rows wait in a bounded queue; when the queue is
 * full, new rows are dropped and counted (the in-memory subject count still sees them), because an
 * unbounded queue would take the gateway down with the store.
 */
final class TransferWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransferWriter.class);
    private static final int BATCH = 500;
    private static final int CAPACITY = 100_000;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final String INSERT = "INSERT INTO pi_transfers (id, sent_at, transfer_year, request_id, customer_id, provider,"
            + " processing_region, kind, sensitive, subject_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** One subject of one request sent to one provider. */
    record Row(String id, Instant at, int year, String requestId, String customerId, String provider,
               String processingRegion, String kind, boolean sensitive, String subjectHash) {}

    private final Database db;
    private final BlockingQueue<Row> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    TransferWriter(Database db) {
        this.db = db;
        this.thread = Thread.ofPlatform().daemon().name("gatehouse-pi-transfers").start(this::run);
    }

    /** Queues a row without blocking; false (and counted as dropped) when the queue is full. */
    boolean offer(Row row) {
        pending.incrementAndGet();
        if (queue.offer(row)) return true;
        pending.decrementAndGet();
        if (dropped.getAndIncrement() % 10_000 == 0) {
            log.warn("cross-border transfer records are being dropped: {} rows wait for the store", CAPACITY);
        }
        return false;
    }

    /** Rows dropped so far because the queue was full or the store stayed down at close. */
    long dropped() { return dropped.get(); }

    /** Waits until every queued row is stored (or dropped); for tests and orderly shutdown. */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() - deadline > 0) return false;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void run() {
        List<Row> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            Row first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                closing = true;
                continue;
            }
            if (first == null) continue;
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            store(batch);
            pending.addAndGet(-batch.size());
            batch.clear();
        }
    }

    private void store(List<Row> batch) {
        long backoff = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                insert(batch);
                if (attempt > 1) log.info("cross-border transfer records are stored again after {} attempts", attempt);
                return;
            } catch (RuntimeException e) {
                if (attempt == 1) log.warn("cannot store cross-border transfer records, retrying: {}", e.getMessage());
                if (closing && attempt >= 3) {
                    dropped.addAndGet(batch.size());
                    log.error("{} cross-border transfer records were lost at shutdown: the store is unavailable", batch.size());
                    return;
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                closing = true;
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    private void insert(List<Row> batch) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Row r : batch) {
                    ps.setString(1, r.id());
                    ps.setObject(2, OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC));
                    ps.setInt(3, r.year());
                    ps.setString(4, r.requestId());
                    ps.setString(5, r.customerId());
                    ps.setString(6, r.provider());
                    ps.setString(7, r.processingRegion());
                    ps.setString(8, r.kind());
                    ps.setBoolean(9, r.sensitive());
                    ps.setString(10, r.subjectHash());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Stores what is queued (retrying a failing store a few times), then stops the thread. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("cross-border transfer records still unwritten at shutdown: {}", pending.get());
            thread.interrupt();
        }
    }
}
