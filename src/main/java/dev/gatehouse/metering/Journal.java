package dev.gatehouse.metering;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The local append-only journal of usage records, the first place a record is written.
 * <p>One writer thread takes records from a queue and appends whatever has piled up in one
 * {@code write()} (group commit). A record's future completes as soon as its bytes are written to
 * the file: from then on it is in the operating system's page cache, which survives the death of
 * this process ({@code kill -9}). A second thread forces the file to the device ({@code fsync})
 * every {@code fsyncIntervalMs} when something was written, which bounds what a power loss can
 * take to the last few milliseconds, at the cost of one fsync per interval instead of one per
 * record; writes never wait for it. A segment sealed for loading is not forced: the database
 * transaction that loads it moments later makes its records durable.
 * <p>Files ({@link JournalSegment segments}) rotate at {@code segmentBytes} and whenever the
 * {@link LedgerLoader} {@link #seal() seals} the current one to load it; a segment is deleted only
 * after all its records are in the database. A lock file keeps a second process off the directory.
 */
public final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final int MAX_BATCH = 4096;
    private static final int MAX_QUEUED = 100_000;
    private static final Pending STOP = new Pending(ByteBuffer.allocate(0), null, null);

    private final Path dir;
    private final long fsyncIntervalNanos;
    private final long segmentBytes;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final ReentrantLock io = new ReentrantLock();
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong appended = new AtomicLong();
    /** Bytes in segments not yet loaded into the database and deleted (including those found at open). */
    private final AtomicLong unloadedBytes = new AtomicLong();
    /** Records appended on an event loop thread and not yet queued (see {@link #append}). */
    private final FastThreadLocal<List<Pending>> deferred = new FastThreadLocal<>() {
        @Override
        protected List<Pending> initialValue() { return new ArrayList<>(); }
    };
    private final FileChannel lockChannel;
    private final Thread writer;
    /** Forces the file on its own thread, so that writes (and the responses waiting on them) never wait for an fsync. */
    private final Thread syncer;
    private volatile boolean closed;

    // guarded by io
    private long nextSeq;
    private JournalSegment active;
    private FileChannel channel;
    private long activeBytes;
    private boolean dirty;
    /**
     * The syncer found nothing to force and sleeps until a write wakes it: an idle gateway's
     * journal costs no wake-ups (it used to wake every interval, 200 times a second by default).
     * Set by the syncer and cleared by the writer, both under {@code io}; volatile for the syncer's
     * wait outside it.
     */
    private volatile boolean syncerIdle;
    private long lastForceNanos = System.nanoTime();

    private Journal(Path dir, long fsyncIntervalMs, long segmentBytes) throws IOException {
        if (fsyncIntervalMs < 0) throw new IllegalArgumentException("fsync_interval_ms must not be negative");
        if (segmentBytes < 1024) throw new IllegalArgumentException("segment size must be at least 1 KiB");
        this.dir = Files.createDirectories(dir);
        this.fsyncIntervalNanos = TimeUnit.MILLISECONDS.toNanos(fsyncIntervalMs);
        this.segmentBytes = segmentBytes;
        this.lockChannel = FileChannel.open(dir.resolve("journal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        }
        if (lock == null) { // closing lockChannel releases the lock
            lockChannel.close();
            throw new IllegalStateException("another process is using the usage journal in " + dir.toAbsolutePath());
        }
        try {
            List<JournalSegment> found = segments();
            this.nextSeq = found.stream().mapToLong(JournalSegment::seq).max().orElse(0) + 1;
            for (JournalSegment s : found) unloadedBytes.addAndGet(Files.size(s.path()));
        } catch (IOException | RuntimeException e) {
            lockChannel.close(); // a journal that cannot open must not keep the directory locked
            throw e;
        }
        this.writer = Thread.ofPlatform().name("gatehouse-journal").daemon().start(this::run);
        this.syncer = Thread.ofPlatform().name("gatehouse-journal-fsync").daemon().start(this::syncLoop);
    }

    /** Opens (creating if needed) the journal in {@code dir}, with 64 MiB segments. */
    public static Journal open(Path dir, long fsyncIntervalMs) {
        return open(dir, fsyncIntervalMs, DEFAULT_SEGMENT_BYTES);
    }

    public static Journal open(Path dir, long fsyncIntervalMs, long segmentBytes) {
        try {
            return new Journal(dir, fsyncIntervalMs, segmentBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage journal in " + dir.toAbsolutePath(), e);
        }
    }

    public Path dir() { return dir; }

    /**
     * Appends a record. Never blocks: the future completes on the caller's Vert.x context (or on
     * the writer thread when called from outside Vert.x) once the record is written to the file,
     * and fails if it could not be (disk full, journal closed, queue full).
     * <p>On an event loop the record is handed to the writer when the loop has handled the I/O
     * events it woke for, together with every other record appended meanwhile: one hand-off (and
     * at most one wake-up of the writer) per loop iteration instead of one per request, which
     * costs the record a few microseconds at most.
     */
    public Future<Void> append(UsageRecord record) {
        if (closed) return Future.failedFuture(new IllegalStateException("the usage journal is closed"));
        ByteBuffer frame;
        try {
            frame = JournalCodec.frame(record);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        ContextInternal context = (ContextInternal) Vertx.currentContext();
        Promise<Void> promise = Promise.promise();
        Pending pending = new Pending(frame, promise, context);
        if (context != null && context.isEventLoopContext() && context.nettyEventLoop().inEventLoop()) {
            List<Pending> deferred = this.deferred.get();
            if (deferred.isEmpty()) context.nettyEventLoop().execute(this::handOffDeferred);
            deferred.add(pending);
        } else if (!queue.offer(pending)) {
            return Future.failedFuture(queueFull());
        }
        return promise.future();
    }

    /** Runs on an event loop after its I/O events: queues what this loop appended since. */
    private void handOffDeferred() {
        List<Pending> deferred = this.deferred.get();
        for (Pending p : deferred) {
            if (closed) p.settle(new IllegalStateException("the usage journal is closed")); // the writer may be gone
            else if (!queue.offer(p)) p.settle(queueFull());
        }
        deferred.clear();
    }

    private static IllegalStateException queueFull() {
        return new IllegalStateException("the usage journal is " + MAX_QUEUED + " records behind");
    }

    /** The fsync thread's state (for tests: {@code WAITING} while it sleeps without a deadline). */
    Thread.State syncerState() { return syncer.getState(); }

    /** How many times the journal forced its file to the device (for tests and metrics). */
    public long fsyncCount() { return fsyncs.get(); }

    /** How many records were written to the file since open. */
    public long appendedCount() { return appended.get(); }

    /** How far loading into the database is behind: the bytes of every segment not yet deleted. */
    public long unloadedBytes() { return unloadedBytes.get(); }

    /**
     * Closes the segment being written, if it holds anything, and returns every closed segment,
     * oldest first: those are complete and may be loaded, then {@link #delete deleted}.
     */
    public List<JournalSegment> seal() {
        io.lock();
        try {
            if (channel != null && activeBytes > 0) closeActive(false); // the loader makes it durable in the database
            JournalSegment open = active;
            return segments().stream().filter(s -> open == null || s.seq() != open.seq()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seal the usage journal in " + dir, e);
        } finally {
            io.unlock();
        }
    }

    /** Deletes a sealed segment, once all its records are safely in the database. */
    public void delete(JournalSegment segment) {
        try {
            long size = Files.exists(segment.path()) ? Files.size(segment.path()) : 0;
            if (Files.deleteIfExists(segment.path())) unloadedBytes.addAndGet(-size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete journal segment " + segment.path(), e);
        }
    }

    private List<JournalSegment> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(JournalSegment::parse).filter(s -> s != null).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the usage journal in " + dir, e);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take()); // close() queues STOP, so this wakes only for work
                queue.drainTo(batch, MAX_BATCH - 1);
                stopping = batch.removeIf(p -> p == STOP);
                if (!batch.isEmpty()) write(batch);
                batch.clear();
                if (stopping) forceIfDue(true);
            } catch (InterruptedException e) {
                stopping = true;
            } catch (RuntimeException e) {
                log.error("usage journal writer hit an unexpected error", e);
            }
        }
        // Appends that raced with close: nothing will write them now.
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending p : left) if (p != STOP) p.settle(new IllegalStateException("the usage journal is closed"));
    }

    private void write(List<Pending> batch) {
        io.lock();
        try {
            if (channel == null) openActive();
            ByteBuffer[] buffers = new ByteBuffer[batch.size()];
            long total = 0;
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = batch.get(i).frame; // written once: a failed batch is settled, not retried
                total += buffers[i].remaining();
            }
            long written = 0;
            while (written < total) written += channel.write(buffers);
            activeBytes += total;
            unloadedBytes.addAndGet(total);
            dirty = true;
            if (syncerIdle) {
                syncerIdle = false;
                LockSupport.unpark(syncer);
            }
            appended.addAndGet(batch.size());
            if (activeBytes >= segmentBytes) closeActive(false);
        } catch (IOException | RuntimeException e) {
            log.error("usage journal: cannot write {} records to {}: {}", batch.size(), active != null ? active.path() : dir, e.toString());
            abandonActive();
            settle(batch, e);
            return;
        } finally {
            io.unlock();
        }
        settle(batch, null);
    }

    /**
     * Completes a batch's futures, each on its caller's context: one task per event loop for the
     * whole batch (one wake-up of each loop), not one per record.
     */
    private static void settle(List<Pending> batch, Throwable failure) {
        Map<EventLoop, List<Pending>> byLoop = new IdentityHashMap<>(4);
        for (Pending p : batch) {
            if (p.context != null && p.context.isEventLoopContext()) {
                byLoop.computeIfAbsent(p.context.nettyEventLoop(), loop -> new ArrayList<>()).add(p);
            } else {
                p.settle(failure);
            }
        }
        byLoop.forEach((loop, pendings) -> loop.execute(() -> {
            for (Pending p : pendings) p.context.emit(failure, p::complete);
        }));
    }

    private void forceIfDue(boolean now) {
        io.lock();
        try {
            if (!dirty || channel == null) return;
            if (!now && System.nanoTime() - lastForceNanos < fsyncIntervalNanos) return;
            force();
        } catch (IOException e) {
            log.error("usage journal: fsync of {} failed: {}", active.path(), e.toString());
            abandonActive();
        } finally {
            io.unlock();
        }
    }

    /**
     * Every interval while there is something to force, forces what was written since the last
     * force, and sleeps without a deadline once an interval passed with nothing written (the next
     * write wakes it); the lock is held only to read the state.
     */
    private void syncLoop() {
        while (!closed) {
            // after a write, wait out the interval first: writes meanwhile share this fsync
            LockSupport.parkNanos(Math.max(fsyncIntervalNanos, TimeUnit.MILLISECONDS.toNanos(1)));
            FileChannel toForce = null;
            io.lock();
            try {
                if (dirty && channel != null) {
                    toForce = channel;
                    dirty = false;
                    lastForceNanos = System.nanoTime();
                } else {
                    syncerIdle = true; // under io: the next write sees it and wakes this thread
                }
            } finally {
                io.unlock();
            }
            if (toForce == null) {
                while (syncerIdle && !closed) LockSupport.park(this);
                continue;
            }
            try {
                toForce.force(false);
                fsyncs.incrementAndGet();
            } catch (ClosedChannelException rotated) {
                // the writer closed the segment meanwhile, and closing forces it first
            } catch (IOException e) {
                log.error("usage journal: fsync failed: {}", e.toString());
            }
        }
    }

    private void force() throws IOException {
        channel.force(false);
        fsyncs.incrementAndGet();
        dirty = false;
        lastForceNanos = System.nanoTime();
    }

    private void openActive() throws IOException {
        active = JournalSegment.in(dir, nextSeq++);
        channel = FileChannel.open(active.path(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        activeBytes = 0;
    }

    /**
     * Closes the segment being written. Not forced on rotation or sealing: an fsync here would hold
     * the lock and stall every append behind it, and a sealed segment is loaded into the database
     * (which makes it durable) moments later; on shutdown it is forced.
     */
    private void closeActive(boolean forceFirst) throws IOException {
        try {
            if (forceFirst) force();
        } finally {
            channel.close();
            channel = null;
            active = null;
            activeBytes = 0;
        }
    }

    /** After an I/O error: leave the segment as it is (a torn tail is skipped on load) and start a new one. */
    private void abandonActive() {
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // the channel is unusable either way
        }
        channel = null;
        active = null;
        activeBytes = 0;
        dirty = false;
    }

    /** Writes what is queued, forces it, and releases the directory. Appends after this fail. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            queue.put(STOP);
            writer.join();
            // not interrupt(): FileChannel is interruptible, and an interrupt during the syncer's
            // force() closes the channel, after which the last force below failed and the directory
            // stayed locked (a restart in the same process then found it "in use")
            LockSupport.unpark(syncer);
            syncer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.lock();
        try {
            if (channel != null) closeActive(true);
        } catch (IOException e) {
            log.warn("usage journal: error while closing: {}", e.toString());
        } finally {
            try {
                lockChannel.close(); // releases the directory's lock, whatever happened above
            } catch (IOException e) {
                log.warn("usage journal: cannot release the lock on {}: {}", dir, e.toString());
            }
            io.unlock();
        }
    }

    /** A framed record waiting to be written, and whom to tell. */
    private record Pending(ByteBuffer frame, Promise<Void> promise, ContextInternal context) {
        /** Completes the future on the caller's context (directly when it had none). */
        void settle(Throwable failure) {
            if (context != null) context.runOnContext(v -> complete(failure));
            else complete(failure);
        }

        /** Completes the future here, on the current thread. */
        void complete(Throwable failure) {
            if (failure == null) promise.complete();
            else promise.fail(failure);
        }
    }
}
