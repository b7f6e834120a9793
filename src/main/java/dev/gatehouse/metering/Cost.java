package dev.gatehouse.metering;

/**
 * The cost of one request in both currencies, in nano-units (1e-9), and the price it came from
 * (null when no price was known, in which case both amounts are 0).
 */
public record Cost(long usdNanos, long cnyNanos, String priceId) {
    public static final Cost NONE = new Cost(0, 0, null);
}
