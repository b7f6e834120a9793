package dev.gatehouse.reports;

import dev.gatehouse.config.ComplianceConfig;
import dev.gatehouse.store.Database;

import java.time.Clock;

/** What reports read: the store, the compliance settings (default thresholds), and the clock of {@code generated_at}. */
public record ReportSource(Database db, ComplianceConfig compliance, Clock clock) {}
