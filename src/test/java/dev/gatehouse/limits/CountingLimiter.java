package dev.gatehouse.limits;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts granted concurrency slots and releases, to prove every slot is given back exactly once. */
final class CountingLimiter implements Limiter {
    final AtomicInteger slotsGranted = new AtomicInteger();
    final AtomicInteger slotsReleased = new AtomicInteger();
    private final Limiter inner;

    CountingLimiter(Limiter inner) { this.inner = inner; }

    @Override
    public Quota tryAcquireRequest(String scopeKey, long limitPerMinute) { return inner.tryAcquireRequest(scopeKey, limitPerMinute); }

    @Override
    public void refundRequest(String scopeKey, long limitPerMinute) { inner.refundRequest(scopeKey, limitPerMinute); }

    @Override
    public TokenReservation reserveTokens(String scopeKey, long estimate, long limitPerMinute) {
        return inner.reserveTokens(scopeKey, estimate, limitPerMinute);
    }

    @Override
    public Quota settleTokens(TokenReservation reservation, long actual) { return inner.settleTokens(reservation, actual); }

    @Override
    public Quota peekTokens(String scopeKey, long limitPerMinute) { return inner.peekTokens(scopeKey, limitPerMinute); }

    @Override
    public Quota acquireConcurrent(String scopeKey, int limit) {
        Quota q = inner.acquireConcurrent(scopeKey, limit);
        if (q.granted()) slotsGranted.incrementAndGet();
        return q;
    }

    @Override
    public void releaseConcurrent(String scopeKey) {
        slotsReleased.incrementAndGet();
        inner.releaseConcurrent(scopeKey);
    }
}
