package dev.gatehouse.config;

import java.util.List;

/** The {@code model} a client sends, mapped to deployments, with optional per-route overrides. */
public record RouteConfig(List<DeploymentConfig> deployments, RetryConfig retry, List<String> failoverOn,
                          BreakerConfig breaker, Timeouts timeouts, String ownedBy) {
}
