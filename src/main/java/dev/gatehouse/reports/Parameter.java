package dev.gatehouse.reports;

/** A parameter a report takes besides its period: its name (a query parameter; {@code --min-tokens} on the CLI for {@code min_tokens}) and meaning. */
public record Parameter(String name, String description) {}
