package dev.gatehouse.limits;

/**
 * The counters behind rate and concurrency limits, keyed by a scope key such as
 * {@code key:key_0a1b2c3d4e5f}. The limit travels with every call, so a changed limit takes effect
 * on the next request and the limiter keeps no configuration. {@link InProcessLimiter} counts in
 * this JVM; a shared implementation (Redis) can replace it for several gateway instances.
 * Every method is non-blocking and thread-safe.
 */
public interface Limiter extends AutoCloseable {

    /** Takes one request from a requests-per-minute counter. */
    Quota tryAcquireRequest(String scopeKey, long limitPerMinute);

    /** Gives back a request taken by {@link #tryAcquireRequest} for a request that did not go ahead. */
    void refundRequest(String scopeKey, long limitPerMinute);

    /**
     * Reserves {@code estimate} tokens from a tokens-per-minute counter. An estimate above the
     * limit reserves the whole limit (a large request waits for a full minute's budget instead of
     * never passing); the settlement charges the real count.
     */
    TokenReservation reserveTokens(String scopeKey, long estimate, long limitPerMinute);

    /**
     * Settles a granted reservation with the real count: refunds what was reserved but not used,
     * or charges the excess (the counter may go below zero and refuses until it has refilled).
     * Returns the counter's state afterwards.
     */
    Quota settleTokens(TokenReservation reservation, long actual);

    /** The tokens-per-minute counter's current state, without taking anything. */
    Quota peekTokens(String scopeKey, long limitPerMinute);

    /** Takes a concurrency slot; refused when {@code limit} requests already hold one. */
    Quota acquireConcurrent(String scopeKey, int limit);

    /** Gives back a slot taken by {@link #acquireConcurrent}. Call exactly once per granted slot. */
    void releaseConcurrent(String scopeKey);

    @Override
    default void close() {}
}
