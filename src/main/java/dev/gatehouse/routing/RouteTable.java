package dev.gatehouse.routing;

import dev.gatehouse.config.BreakerConfig;
import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.DeploymentConfig;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.RouteConfig;
import dev.gatehouse.config.Timeouts;
import dev.gatehouse.providers.Provider;
import dev.gatehouse.providers.ProviderRegistry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All routes, built and checked once from the config; read-only afterwards, so lock-free to share. */
public final class RouteTable {
    private final Map<String, Route> routes;
    private final Map<String, Provider> providers;

    private RouteTable(Map<String, Route> routes, Map<String, Provider> providers) {
        this.routes = routes;
        this.providers = providers;
    }

    public static RouteTable build(GatewayConfig config, ProviderRegistry registry) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (Map.Entry<String, ProviderConfig> e : config.providers().entrySet()) {
            providers.put(e.getKey(), registry.create(e.getKey(), e.getValue()));
        }
        Map<String, CircuitBreaker> breakers = new HashMap<>();
        Map<String, BreakerConfig> breakerConfigs = new HashMap<>();
        Map<String, Route> routes = new LinkedHashMap<>();
        var defaults = config.defaults();
        for (Map.Entry<String, RouteConfig> e : config.routes().entrySet()) {
            String where = "routes." + e.getKey();
            RouteConfig rc = e.getValue();
            if (rc == null || rc.deployments() == null || rc.deployments().isEmpty()) {
                throw new ConfigException(where + ": a route needs at least one deployment");
            }
            var retry = rc.retry() != null ? rc.retry().over(defaults.retry()) : defaults.retry();
            if (retry.maxRetries() < 0 || retry.baseBackoffMs() < 0 || retry.maxBackoffMs() < retry.baseBackoffMs()) {
                throw new ConfigException(where + ".retry: max_retries and backoffs must be >= 0, max_backoff_ms >= base_backoff_ms");
            }
            var failover = FailoverPolicy.parse(rc.failoverOn() != null ? rc.failoverOn() : defaults.failoverOn(),
                    where + ".failover_on");
            var breakerConfig = rc.breaker() != null ? rc.breaker().over(defaults.breaker()) : defaults.breaker();
            if (breakerConfig.failureRate() <= 0 || breakerConfig.failureRate() > 1 || breakerConfig.windowMs() <= 0) {
                throw new ConfigException(where + ".breaker: failure_rate must be in (0, 1] and window_ms > 0");
            }
            Timeouts routeTimeouts = rc.timeouts() != null ? rc.timeouts().over(defaults.timeouts()) : defaults.timeouts();
            List<Deployment> deployments = new ArrayList<>();
            for (int i = 0; i < rc.deployments().size(); i++) {
                DeploymentConfig dc = rc.deployments().get(i);
                String dWhere = where + ".deployments[" + i + "]";
                if (dc == null || dc.provider() == null) throw new ConfigException(dWhere + ": 'provider' is required");
                Provider p = providers.get(dc.provider());
                if (p == null) {
                    throw new ConfigException(dWhere + ": unknown provider '" + dc.provider() + "'; configured: " + providers.keySet());
                }
                String model = dc.model() != null ? dc.model() : e.getKey();
                if (dc.weightOrDefault() <= 0) throw new ConfigException(dWhere + ": weight must be positive");
                Timeouts t = p.timeouts() != null ? p.timeouts().over(routeTimeouts) : routeTimeouts;
                String shared = p.name() + "\u0000" + model;
                BreakerConfig earlier = breakerConfigs.putIfAbsent(shared, breakerConfig);
                if (earlier != null && !earlier.equals(breakerConfig)) {
                    throw new ConfigException(dWhere + ": " + p.name() + "/" + model + " is used by another route with other"
                            + " breaker settings; a deployment has one breaker, so give both routes the same settings");
                }
                CircuitBreaker breaker = breakers.computeIfAbsent(shared, k -> new CircuitBreaker(breakerConfig));
                deployments.add(new Deployment(p, model, dc.weightOrDefault(), dc.priorityOrDefault(), breaker, t));
            }
            deployments.sort(Comparator.comparingInt(Deployment::priority));
            routes.put(e.getKey(), new Route(e.getKey(), List.copyOf(deployments), retry, failover, rc.ownedBy()));
        }
        // unmodifiable views, not Map.copyOf: that forgets the config order /v1/models lists routes in
        return new RouteTable(Collections.unmodifiableMap(routes), Collections.unmodifiableMap(providers));
    }

    /** The route a client's {@code model} names, or null. */
    public Route find(String model) { return routes.get(model); }

    /** Routes in config order. */
    public Collection<Route> routes() { return routes.values(); }

    public Map<String, Provider> providers() { return providers; }
}
