package dev.gatehouse.metering;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The price of a provider's model from {@code effectiveFrom} on, per million tokens in
 * {@code currency} (USD or CNY). {@code cachedInputPerMillion} is null where the provider does not
 * price cached input apart (cached tokens then cost the input price).
 *
 * @param provider the provider's name in the config (a deployment's provider), e.g. {@code openai}
 * @param model    the upstream model name, as a deployment names it
 */
public record Price(String id, String provider, String model, String currency,
                    BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
                    Instant effectiveFrom) {

    /** The price of cached input tokens: its own, else the input price. */
    public BigDecimal cachedOrInputPerMillion() {
        return cachedInputPerMillion != null ? cachedInputPerMillion : inputPerMillion;
    }
}
