package dev.gatehouse.limits;

/**
 * Tokens taken from a tokens-per-minute counter before forwarding, to be settled with the real
 * count afterwards ({@link Limiter#settleTokens}). Carries everything a shared limiter needs to
 * settle it on another thread or instance.
 *
 * @param scopeKey the counter
 * @param limit    the tokens-per-minute limit the reservation was made under
 * @param reserved tokens taken (0 when refused)
 * @param quota    the answer, for the headers
 */
public record TokenReservation(String scopeKey, long limit, long reserved, Quota quota) {
    public boolean granted() { return quota.granted(); }
}
