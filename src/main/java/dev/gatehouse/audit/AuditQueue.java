package dev.gatehouse.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.api.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link AuditSink} of the request path: {@link #submit} only offers the entry to a bounded
 * in-memory queue (never waits, safe on an event loop); one worker thread appends what has queued,
 * in submission order, in batches of one transaction each ({@link AuditLog#appendAll}).
 * <p>
 * When the database is down the worker keeps the batch it holds and retries it with backoff, so
 * nothing queued is lost or reordered; meanwhile the queue fills. When it is full, {@code submit}
 * drops the new entry rather than block an event loop or grow without bound. A drop is never
 * silent: it is counted ({@link #stats()}), logged at ERROR (the first at once, then a summary at
 * most every {@value #REPORT_EVERY_SECONDS} s), and once the log is writable again the chain itself
 * gets an {@code audit.entries_lost} entry per category saying how many entries were lost and when,
 * so a verifier of the trail sees the gap. {@link #close} writes what is queued; if the database is
 * still down when its time is up, the remaining entries go to the application log as JSON at ERROR
 * (logger {@value #LOST_LOGGER}), the last place left to keep them.
 */
public final class AuditQueue implements AuditSink, AutoCloseable {
    public static final int DEFAULT_CAPACITY = 10_000;
    public static final int DEFAULT_BATCH = 256;
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    static final String ACTOR = "system:audit-queue";
    static final String LOST_ACTION = "audit.entries_lost";
    static final String LOST_LOGGER = "gatehouse.audit.lost";
    static final long REPORT_EVERY_SECONDS = 10;
    private static final long MAX_BACKOFF_MS = 5_000;
    /**
     * How long the worker lets a short batch fill before writing it. Each batch is a transaction
     * that locks and moves the chain's head, so under load a short wait turns many tiny
     * transactions into a few full ones; an idle gateway's entries are written this much later.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final Logger log = LoggerFactory.getLogger(AuditQueue.class);
    private static final Logger lostLog = LoggerFactory.getLogger(LOST_LOGGER);

    /** Where batches go; {@code AuditLog::appendAll} in production. A failure means nothing of the batch was written. */
    @FunctionalInterface
    public interface BatchWriter {
        void write(List<AuditEntry> batch);
    }

    /** Counters for monitoring: entries accepted, written, dropped (queue full, or unwritable at close), queued now. */
    public record Stats(long accepted, long written, long dropped, int pending) {}

    private final BlockingQueue<AuditEntry> queue;
    private final int capacity;
    private final BatchWriter writer;
    private final int batchSize;
    private final Duration closeTimeout;
    private final Clock clock;
    private final Thread worker;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong settled = new AtomicLong(); // accepted entries written or given up on
    /** Drops not yet recorded in the chain, per category; with the first and last drop time. */
    private final AtomicLongArray lost = new AtomicLongArray(AuditCategory.values().length);
    private volatile Instant firstLost;
    private volatile Instant lastLost;
    private volatile long lastReportNanos;
    private volatile boolean closed;
    private volatile long giveUpAtNanos = Long.MAX_VALUE;

    public AuditQueue(BatchWriter writer, int capacity, int batchSize, Duration closeTimeout, Clock clock) {
        if (capacity < 1 || batchSize < 1) throw new IllegalArgumentException("capacity and batch size must be at least 1");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.writer = writer;
        this.batchSize = batchSize;
        this.closeTimeout = closeTimeout;
        this.clock = clock;
        this.worker = Thread.ofPlatform().daemon().name("gatehouse-audit-writer").start(this::run);
    }

    public AuditQueue(AuditLog log) {
        this(log::appendAll, DEFAULT_CAPACITY, DEFAULT_BATCH, DEFAULT_CLOSE_TIMEOUT, Clock.systemUTC());
    }

    @Override
    public void submit(AuditEntry entry) {
        if (closed) {
            drop(entry, "the audit queue is closed");
            return;
        }
        if (queue.offer(entry)) {
            accepted.incrementAndGet();
        } else {
            drop(entry, "the audit queue is full (" + (queue.size() + queue.remainingCapacity()) + " entries): the database is down or too slow");
        }
    }

    public Stats stats() { return new Stats(accepted.get(), written.get(), dropped.get(), queue.size()); }

    /** Entries accepted and not yet written (queued, or in the batch being written); cheap enough for every request. */
    public long backlog() { return accepted.get() - settled.get(); }

    /** How many entries the queue holds at most. */
    public int capacity() { return capacity; }

    /** Waits until every entry accepted before this call is written (or given up on); false if {@code timeout} passed first. */
    public boolean flush(Duration timeout) {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (settled.get() < target) {
            if (System.nanoTime() > deadline) return false;
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /** Stops accepting, writes what is queued (retrying up to the close timeout), then stops the worker. */
    @Override
    public void close() {
        if (closed) return;
        giveUpAtNanos = System.nanoTime() + closeTimeout.toNanos();
        closed = true;
        try {
            worker.join(closeTimeout.plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<AuditEntry> batch = new ArrayList<>(batchSize + AuditCategory.values().length);
        while (!closed || !queue.isEmpty()) {
            AuditEntry first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // close() decides when to stop; the queue is drained first
            }
            if (first == null) continue;
            batch.clear();
            int gapEntries = addLostRecords(batch);
            batch.add(first);
            queue.drainTo(batch, batchSize - 1);
            if (batch.size() - gapEntries < batchSize && !closed) {
                LockSupport.parkNanos(LINGER_NANOS);
                queue.drainTo(batch, batchSize - (batch.size() - gapEntries));
            }
            writeWithRetry(batch, gapEntries);
        }
    }

    /** Appends the batch, retrying with backoff while the log cannot be written; gives up only when closing has timed out. */
    private void writeWithRetry(List<AuditEntry> batch, int gapEntries) {
        int entries = batch.size() - gapEntries;
        long backoffMs = 50;
        int attempts = 0;
        while (true) {
            try {
                writer.write(List.copyOf(batch));
                written.addAndGet(entries);
                settled.addAndGet(entries);
                if (attempts > 0) log.warn("the audit log is writable again after {} failed attempts; {} entries written", attempts, entries);
                return;
            } catch (RuntimeException | Error e) { // an error too: a dead writer would hold every request behind a full queue
                attempts++;
                if (attempts == 1) {
                    log.error("cannot append {} entries to the audit log ({}); keeping them in order and retrying", entries, e.toString());
                }
                if (System.nanoTime() > giveUpAtNanos) {
                    spill(batch.subList(gapEntries, batch.size()), e);
                    return;
                }
                long sleep = TimeUnit.MILLISECONDS.toNanos(backoffMs);
                if (closed) sleep = Math.min(sleep, Math.max(0, giveUpAtNanos - System.nanoTime())); // no longer than closing allows
                LockSupport.parkNanos(sleep);
                backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            }
        }
    }

    /** Closing and the database still down: the entries go to the application log, each as JSON, and count as dropped. */
    private void spill(List<AuditEntry> entries, Throwable cause) {
        log.error("closing with the audit log still unwritable ({}): {} entries (and {} still queued) go to the '{}' log instead",
                cause.toString(), entries.size(), queue.size(), LOST_LOGGER);
        List<AuditEntry> all = new ArrayList<>(entries);
        queue.drainTo(all);
        for (AuditEntry e : all) lostLog.error("{}", json(e));
        dropped.addAndGet(all.size());
        settled.addAndGet(all.size());
    }

    private void drop(AuditEntry entry, String why) {
        long n = dropped.incrementAndGet();
        lost.incrementAndGet(entry.category().ordinal());
        Instant now = clock.instant();
        if (firstLost == null) firstLost = now;
        lastLost = now;
        long t = System.nanoTime();
        if (n == 1 || t - lastReportNanos > TimeUnit.SECONDS.toNanos(REPORT_EVERY_SECONDS)) {
            lastReportNanos = t;
            log.error("audit entry dropped: {}; {} dropped since start (latest: {} {} by {})", why, n,
                    entry.category().wire(), entry.action(), entry.actor());
        }
    }

    /** Adds one entry per category with drops not yet in the chain; returns how many it added. */
    private int addLostRecords(List<AuditEntry> batch) {
        if (firstLost == null) return 0;
        Instant from = firstLost;
        Instant to = lastLost;
        firstLost = null;
        int added = 0;
        for (AuditCategory c : AuditCategory.values()) {
            long n = lost.getAndSet(c.ordinal(), 0);
            if (n == 0) continue;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("count", n);
            body.put("first_lost_at", from.toString());
            body.put("last_lost_at", to.toString());
            batch.add(new AuditEntry(c, ACTOR, LOST_ACTION, null, null, json(body)));
            added++;
        }
        return added;
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit entries and maps of strings and numbers always serialise", e);
        }
    }
}
