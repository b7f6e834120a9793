package dev.gatehouse.metering;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The prices in memory, so costing a request never waits on the store. Refreshed when this
 * process changes a price (through {@link PriceStore#onChange}) and every {@code refreshEvery}
 * for changes made by other instances. Costs are exact: BigDecimal arithmetic, rounded once to
 * whole nano-units, half up.
 */
public final class PriceBook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PriceBook.class);
    /** Nano-units per currency unit, divided by tokens per million: a token at price P costs P * 1000 nanos. */
    private static final BigDecimal NANOS_PER_MILLION = BigDecimal.valueOf(1000);

    private final PriceStore store;
    private final BigDecimal cnyPerUsd;
    private volatile Map<String, NavigableMap<Instant, Price>> byModel = Map.of();
    private ScheduledExecutorService refresher;

    /** A book over {@code store}, loaded now (blocking). {@code cnyPerUsd} must be positive. */
    public PriceBook(PriceStore store, double cnyPerUsd) {
        if (!(cnyPerUsd > 0) || Double.isInfinite(cnyPerUsd)) throw new IllegalArgumentException("cny_per_usd must be positive, not " + cnyPerUsd);
        this.store = store;
        this.cnyPerUsd = BigDecimal.valueOf(cnyPerUsd);
        refresh();
        store.onChange(this::refresh);
    }

    /** Reloads every price from the store (blocking). */
    public void refresh() {
        replace(store.list());
    }

    /** Also reloads every {@code period} on a daemon thread, for prices changed by other instances. */
    public synchronized void refreshEvery(Duration period) {
        if (refresher != null) return;
        refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gatehouse-prices").factory());
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("could not refresh prices (keeping the ones in memory): {}", e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void replace(List<Price> prices) {
        Map<String, NavigableMap<Instant, Price>> next = new HashMap<>();
        for (Price p : prices) next.computeIfAbsent(key(p.provider(), p.model()), k -> new TreeMap<>()).put(p.effectiveFrom(), p);
        byModel = next;
    }

    /** The price of {@code provider}'s {@code model} in force at {@code at}, or null. */
    public Price priceAt(String provider, String model, Instant at) {
        NavigableMap<Instant, Price> history = byModel.get(key(provider, model));
        if (history == null) return null;
        Entry<Instant, Price> e = history.floorEntry(at);
        return e != null ? e.getValue() : null;
    }

    /**
     * The cost of a request at {@code at}: non-cached input at the input price, cached input at the
     * cached price (or the input price), output at the output price; {@link Cost#NONE} if unpriced.
     * {@code inputTokens} includes the cached ones, as providers report them.
     */
    public Cost cost(String provider, String model, Instant at, long inputTokens, long cachedTokens, long outputTokens) {
        Price p = priceAt(provider, model, at);
        if (p == null) return Cost.NONE;
        long cached = Math.max(0, Math.min(cachedTokens, inputTokens));
        BigDecimal units = BigDecimal.valueOf(inputTokens - cached).multiply(p.inputPerMillion())
                .add(BigDecimal.valueOf(cached).multiply(p.cachedOrInputPerMillion()))
                .add(BigDecimal.valueOf(Math.max(0, outputTokens)).multiply(p.outputPerMillion()));
        BigDecimal nanos = units.multiply(NANOS_PER_MILLION);
        BigDecimal usd;
        BigDecimal cny;
        if ("USD".equals(p.currency())) {
            usd = nanos;
            cny = nanos.multiply(cnyPerUsd);
        } else {
            cny = nanos;
            usd = nanos.divide(cnyPerUsd, MathContext.DECIMAL128);
        }
        return new Cost(round(usd), round(cny), p.id());
    }

    private static long round(BigDecimal nanos) {
        return nanos.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String key(String provider, String model) { return provider + '\u0000' + model; }

    @Override
    public synchronized void close() {
        if (refresher != null) refresher.shutdownNow();
    }
}
