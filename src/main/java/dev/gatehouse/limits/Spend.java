package dev.gatehouse.limits;

/**
 * The cost of one request in both currencies (nano-units), as metering computes it with the
 * configured exchange rate. The metering stage sets it as the request attribute {@link #ATTRIBUTE}
 * (before this package's stage sees {@code onComplete}); the limits stage adds it to budgets and
 * debits it from prepaid credit.
 */
public record Spend(long usdNanos, long cnyNanos) {
    /** The {@link dev.gatehouse.pipeline.RequestContext#attribute(String)} name metering sets. */
    public static final String ATTRIBUTE = "cost";
    public static final Spend ZERO = new Spend(0, 0);

    public long in(Currency currency) { return currency == Currency.USD ? usdNanos : cnyNanos; }

    public Spend plus(Spend other) { return new Spend(usdNanos + other.usdNanos, cnyNanos + other.cnyNanos); }
}
