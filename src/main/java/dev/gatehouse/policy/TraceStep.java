package dev.gatehouse.policy;

/**
 * One rule's part in a decision: {@code outcome} is {@code not_applicable}, {@code no_effect},
 * {@code denied}, {@code excluded}, {@code redact}, {@code quota} or {@code log_content};
 * {@code reason} is the conditions as judged for this request.
 */
public record TraceStep(String rule, String action, String outcome, String reason) {}
