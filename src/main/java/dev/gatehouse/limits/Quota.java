package dev.gatehouse.limits;

import java.time.Duration;

/**
 * A limiter's answer: whether the request may go on, and what OpenAI's {@code x-ratelimit-*}
 * headers say about the counter afterwards.
 *
 * @param granted    whether the units were taken
 * @param limit      the configured limit (per minute, or concurrent slots)
 * @param remaining  units left after this answer (never below 0)
 * @param resetAfter how long until the counter is full again
 * @param retryAfter when refused, how long until the request could be granted; zero when granted
 */
public record Quota(boolean granted, long limit, long remaining, Duration resetAfter, Duration retryAfter) {

    public static Quota granted(long limit, long remaining, Duration resetAfter) {
        return new Quota(true, limit, Math.max(0, remaining), resetAfter, Duration.ZERO);
    }

    public static Quota refused(long limit, long remaining, Duration resetAfter, Duration retryAfter) {
        return new Quota(false, limit, Math.max(0, remaining), resetAfter, retryAfter);
    }
}
