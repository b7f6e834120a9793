package dev.gatehouse.routing;

import dev.gatehouse.config.Timeouts;
import dev.gatehouse.providers.Provider;

/**
 * One way to serve a route: a provider and its model name upstream, with its share of traffic,
 * its priority and its breaker. Breakers are per provider and model, so two routes that share a
 * deployment share its health.
 */
public record Deployment(Provider provider, String upstreamModel, int weight, int priority,
                         CircuitBreaker breaker, Timeouts timeouts) {

    /** A name for logs and headers: the provider's config name and the upstream model. */
    public String label() { return provider.name() + "/" + upstreamModel; }
}
