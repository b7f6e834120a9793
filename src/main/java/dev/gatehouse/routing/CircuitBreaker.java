package dev.gatehouse.routing;

import dev.gatehouse.config.BreakerConfig;

/**
 * A deployment's circuit breaker, driven by its error rate over a sliding window (not by a single
 * error). Closed: calls pass and outcomes are counted in time buckets. Open: calls are refused
 * until the cool-down ends. Half-open: a few probe calls pass; if they all succeed the breaker
 * closes with a clean window, one failure opens it again.
 * <p>
 * Shared by all event loops; the lock is held for a few field updates only.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private static final int BUCKETS = 10;

    private final long bucketNanos;
    private final int minRequests;
    private final double failureRate;
    private final long openNanos;
    private final int halfOpenProbes;

    private final long[] bucketEpoch = new long[BUCKETS];
    private final int[] successes = new int[BUCKETS];
    private final int[] failures = new int[BUCKETS];
    private State state = State.CLOSED;
    private long openUntil;
    private int probesInFlight;
    private int probeSuccesses;

    public CircuitBreaker(BreakerConfig config) {
        this.bucketNanos = Math.max(1, config.windowMs() * 1_000_000L / BUCKETS);
        this.minRequests = config.minRequests();
        this.failureRate = config.failureRate();
        this.openNanos = config.openMs() * 1_000_000L;
        this.halfOpenProbes = Math.max(1, config.halfOpenProbes());
    }

    /** Whether a call may go to this deployment now; a true in half-open state takes a probe slot. */
    public synchronized boolean tryAcquire(long nowNanos) {
        switch (state) {
            case CLOSED -> { return true; }
            case OPEN -> {
                if (nowNanos - openUntil < 0) return false;
                state = State.HALF_OPEN;
                probesInFlight = 0;
                probeSuccesses = 0;
            }
            case HALF_OPEN -> { }
        }
        if (probesInFlight >= halfOpenProbes) return false;
        probesInFlight++;
        return true;
    }

    /** The deployment answered (a client error such as a 400 also counts: the deployment is up). */
    public synchronized void onSuccess(long nowNanos) {
        if (state == State.HALF_OPEN) {
            if (probesInFlight == 0) return; // a call from before the breaker opened proves nothing now
            probesInFlight--;
            if (++probeSuccesses >= halfOpenProbes) close();
            return;
        }
        if (state == State.CLOSED) successes[bucket(nowNanos)]++;
    }

    /** The deployment failed in a way that counts against its health (connect, timeout, 429, 5xx). */
    public synchronized void onFailure(long nowNanos) {
        if (state == State.HALF_OPEN) {
            open(nowNanos);
            return;
        }
        if (state != State.CLOSED) return;
        failures[bucket(nowNanos)]++;
        int ok = 0;
        int bad = 0;
        long current = nowNanos / bucketNanos;
        for (int i = 0; i < BUCKETS; i++) {
            if (current - bucketEpoch[i] < BUCKETS) {
                ok += successes[i];
                bad += failures[i];
            }
        }
        int total = ok + bad;
        if (total >= minRequests && bad >= failureRate * total) open(nowNanos);
    }

    /** A call ended without a verdict (the client went away): frees its probe slot. */
    public synchronized void onAbandoned() {
        if (state == State.HALF_OPEN) probesInFlight = Math.max(0, probesInFlight - 1);
    }

    public synchronized State state(long nowNanos) {
        if (state == State.OPEN && nowNanos - openUntil >= 0) return State.HALF_OPEN;
        return state;
    }

    private void open(long nowNanos) {
        state = State.OPEN;
        openUntil = nowNanos + openNanos;
        probesInFlight = 0;
    }

    private void close() {
        state = State.CLOSED;
        java.util.Arrays.fill(successes, 0);
        java.util.Arrays.fill(failures, 0);
        java.util.Arrays.fill(bucketEpoch, 0);
    }

    /** The bucket for now, cleared first if it last held an older time slice. */
    private int bucket(long nowNanos) {
        long epoch = nowNanos / bucketNanos;
        int i = (int) Math.floorMod(epoch, (long) BUCKETS);
        if (bucketEpoch[i] != epoch) {
            bucketEpoch[i] = epoch;
            successes[i] = 0;
            failures[i] = 0;
        }
        return i;
    }
}
