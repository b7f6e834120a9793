package dev.gatehouse.metering;

import dev.gatehouse.api.GatewayException;

import java.time.Instant;

/**
 * Which usage records a query covers. Every field is optional (null: any). {@code model} matches
 * the route the client named or the upstream model. The range is {@code [from, to)}.
 */
public record UsageFilter(String customerId, String projectId, String keyId, String model, String provider,
                          Instant from, Instant to) {

    public UsageFilter {
        if (from != null && to != null && from.isAfter(to)) {
            throw GatewayException.invalid("The time range is reversed: from (" + from + ") is after to (" + to + ").", "from");
        }
    }

    /** Everything of one customer in {@code [from, to)}. */
    public static UsageFilter customer(String customerId, Instant from, Instant to) {
        return new UsageFilter(customerId, null, null, null, null, from, to);
    }

    public static UsageFilter all() {
        return new UsageFilter(null, null, null, null, null, null, null);
    }
}
