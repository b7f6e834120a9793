package dev.gatehouse.routing;

import dev.gatehouse.config.RetryConfig;

import java.util.List;

/** What a client's {@code model} names: deployments (ordered by priority) and how to fail over. */
public record Route(String name, List<Deployment> deployments, RetryConfig retry, FailoverPolicy failover,
                    String ownedBy) {
}
