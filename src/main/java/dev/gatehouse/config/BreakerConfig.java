package dev.gatehouse.config;

/**
 * A deployment's circuit breaker: it opens when, over the last {@code windowMs}, at least
 * {@code minRequests} calls were made and the share that failed reached {@code failureRate}; it
 * stays open {@code openMs}, then lets {@code halfOpenProbes} trial calls through.
 */
public record BreakerConfig(Long windowMs, Integer minRequests, Double failureRate, Long openMs, Integer halfOpenProbes) {
    public static final BreakerConfig DEFAULTS = new BreakerConfig(30_000L, 10, 0.5, 15_000L, 1);

    public BreakerConfig over(BreakerConfig base) {
        return new BreakerConfig(
                windowMs != null ? windowMs : base.windowMs,
                minRequests != null ? minRequests : base.minRequests,
                failureRate != null ? failureRate : base.failureRate,
                openMs != null ? openMs : base.openMs,
                halfOpenProbes != null ? halfOpenProbes : base.halfOpenProbes);
    }
}
