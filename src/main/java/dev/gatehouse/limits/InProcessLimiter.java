package dev.gatehouse.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counters in this JVM. Rates are Bucket4j token buckets refilled greedily over a minute (so
 * "60 per minute" also means "one more every second", as OpenAI's limits behave); concurrency is
 * a count per scope. Memory stays bounded by the scopes active in the last minutes: a bucket idle
 * for longer than {@link #IDLE} is full again and is dropped (recreating it full changes nothing),
 * and a concurrency count leaves the map when it returns to zero.
 */
public final class InProcessLimiter implements Limiter {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration IDLE = Duration.ofMinutes(2);
    private static final long SWEEP_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    private final ConcurrentHashMap<String, RateCounter> rates = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final AtomicLong lastSweep;

    public InProcessLimiter() { this(System::nanoTime); }

    /** With a clock for idle eviction (tests); the buckets themselves use the system clock. */
    InProcessLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastSweep = new AtomicLong(nanoClock.getAsLong());
    }

    @Override
    public Quota tryAcquireRequest(String scopeKey, long limitPerMinute) {
        return take(counter(scopeKey + "|requests", limitPerMinute), 1);
    }

    @Override
    public void refundRequest(String scopeKey, long limitPerMinute) {
        counter(scopeKey + "|requests", limitPerMinute).bucket.addTokens(1);
    }

    @Override
    public TokenReservation reserveTokens(String scopeKey, long estimate, long limitPerMinute) {
        long amount = Math.max(0, Math.min(estimate, limitPerMinute));
        Quota quota = take(counter(scopeKey + "|tokens", limitPerMinute), amount);
        return new TokenReservation(scopeKey, limitPerMinute, quota.granted() ? amount : 0, quota);
    }

    @Override
    public Quota settleTokens(TokenReservation reservation, long actual) {
        RateCounter c = counter(reservation.scopeKey() + "|tokens", reservation.limit());
        long difference = Math.max(0, actual) - reservation.reserved();
        if (difference < 0) c.bucket.addTokens(-difference);
        else if (difference > 0) c.bucket.consumeIgnoringRateLimits(difference);
        return c.state(true);
    }

    @Override
    public Quota peekTokens(String scopeKey, long limitPerMinute) {
        return counter(scopeKey + "|tokens", limitPerMinute).state(true);
    }

    @Override
    public Quota acquireConcurrent(String scopeKey, int limit) {
        boolean[] granted = {false};
        Integer now = inFlight.compute(scopeKey, (k, n) -> {
            int held = n == null ? 0 : n;
            if (held >= limit) return n;
            granted[0] = true;
            return held + 1;
        });
        long held = now == null ? 0 : now;
        // A slot frees when some request ends; there is no schedule, so suggest a short wait.
        return granted[0] ? Quota.granted(limit, limit - held, Duration.ZERO)
                : Quota.refused(limit, 0, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Override
    public void releaseConcurrent(String scopeKey) {
        inFlight.computeIfPresent(scopeKey, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Counters currently held in memory (for tests of eviction). */
    int size() { return rates.size() + inFlight.size(); }

    private Quota take(RateCounter c, long amount) {
        if (amount == 0) return c.state(true);
        ConsumptionProbe p = c.bucket.tryConsumeAndReturnRemaining(amount);
        if (p.isConsumed()) return c.state(true);
        Quota s = c.state(false);
        return Quota.refused(c.limit, s.remaining(), s.resetAfter(), Duration.ofNanos(p.getNanosToWaitForRefill()));
    }

    private RateCounter counter(String key, long limit) {
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        RateCounter c = rates.compute(key, (k, old) -> old != null && old.limit == limit ? old : new RateCounter(limit));
        c.lastUsed = now;
        return c;
    }

    private void sweepIfDue(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_NANOS || !lastSweep.compareAndSet(last, now)) return;
        long idle = IDLE.toNanos();
        rates.entrySet().removeIf(e -> now - e.getValue().lastUsed > idle && e.getValue().bucket.getAvailableTokens() >= e.getValue().limit);
    }

    /** One bucket of {@code limit} units refilled over a minute. */
    private static final class RateCounter {
        final long limit;
        final Bucket bucket;
        volatile long lastUsed;

        RateCounter(long limit) {
            this.limit = limit;
            this.bucket = Bucket.builder().addLimit(b -> b.capacity(limit).refillGreedy(limit, MINUTE)).build();
        }

        /** Remaining units and the time until the bucket is full again (greedy refill: linear). */
        Quota state(boolean granted) {
            long available = bucket.getAvailableTokens();
            long missing = limit - Math.min(available, limit); // more than the limit while in debt
            Duration reset = Duration.ofNanos((long) ((double) MINUTE.toNanos() * missing / limit));
            return granted ? Quota.granted(limit, available, reset) : Quota.refused(limit, available, reset, reset);
        }
    }
}
