package dev.gatehouse.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Remembers when each key was last used and writes those times in one batch every interval, off
 * the event loop, instead of one UPDATE per request. A crash loses at most one interval of
 * last-used times, which only inform people, never decide anything.
 */
public final class LastUsedRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LastUsedRecorder.class);

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private final KeyStore keys;
    private final Clock clock;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public LastUsedRecorder(KeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** A recorder that flushes every {@code interval} until closed. */
    public static LastUsedRecorder start(KeyStore keys, Duration interval) {
        LastUsedRecorder r = new LastUsedRecorder(keys, Clock.systemUTC());
        r.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gatehouse-last-used").factory());
        long ms = Math.max(1, interval.toMillis());
        r.scheduler.scheduleWithFixedDelay(() -> {
            try {
                r.flush();
            } catch (RuntimeException e) {
                log.warn("could not record last-used times of keys: {}", e.getMessage());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
        return r;
    }

    /** Notes that {@code keyId} was used now. Never blocks: safe on an event loop. */
    public void touch(String keyId) {
        pending.put(keyId, clock.instant());
    }

    /** Writes the times noted since the last flush (blocking). */
    public void flush() {
        Map<String, Instant> batch = new HashMap<>();
        for (String id : pending.keySet()) {
            Instant t = pending.remove(id);
            if (t != null) batch.put(id, t);
        }
        if (batch.isEmpty()) return;
        try {
            keys.recordLastUsed(batch);
        } catch (RuntimeException e) {
            batch.forEach((id, t) -> pending.merge(id, t, (a, b) -> a.isAfter(b) ? a : b)); // try again next time
            throw e;
        }
    }

    /** Stops the schedule and writes what is pending. */
    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdownNow();
        flush();
    }
}
