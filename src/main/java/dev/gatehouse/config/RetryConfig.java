package dev.gatehouse.config;

/**
 * Retries of a route once every candidate deployment has been tried: how many, exponential
 * backoff with full jitter between {@code baseBackoffMs} and {@code maxBackoffMs}, and the longest
 * upstream {@code Retry-After} the gateway will wait for (beyond it, the failure is returned).
 */
public record RetryConfig(Integer maxRetries, Long baseBackoffMs, Long maxBackoffMs, Long maxRetryAfterMs) {
    public static final RetryConfig DEFAULTS = new RetryConfig(1, 100L, 2_000L, 10_000L);

    public RetryConfig over(RetryConfig base) {
        return new RetryConfig(
                maxRetries != null ? maxRetries : base.maxRetries,
                baseBackoffMs != null ? baseBackoffMs : base.baseBackoffMs,
                maxBackoffMs != null ? maxBackoffMs : base.maxBackoffMs,
                maxRetryAfterMs != null ? maxRetryAfterMs : base.maxRetryAfterMs);
    }
}
