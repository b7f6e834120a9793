package dev.gatehouse.config;

/**
 * One way to serve a route: a provider and the model (or Azure deployment) name upstream. Lower
 * {@code priority} is tried first; within a priority, {@code weight} shares the traffic.
 */
public record DeploymentConfig(String provider, String model, Integer weight, Integer priority) {
    public int weightOrDefault() { return weight != null ? weight : 1; }

    public int priorityOrDefault() { return priority != null ? priority : 0; }
}
