package dev.gatehouse.config;

import java.util.List;

/** Settings that every route inherits unless it overrides them. */
public record Defaults(RetryConfig retry, List<String> failoverOn, BreakerConfig breaker, Timeouts timeouts) {
    public static final List<String> FAILOVER_ON = List.of("connect", "timeout", "429", "5xx");
}
