package dev.gatehouse.metering;

/**
 * Sums over usage records. {@code errors} counts records with a status of 400 or more; costs are
 * in nano-units (1e-9) of each currency.
 */
public record UsageTotals(long requests, long errors, long inputTokens, long outputTokens, long cachedTokens,
                          long costUsdNanos, long costCnyNanos) {
    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0, 0, 0);

    public long totalTokens() { return inputTokens + outputTokens; }
}
