package dev.gatehouse.reports;

/** A column of a report: its name (the CSV header and the JSON field) and what it holds. */
public record Column(String name, String description) {}
