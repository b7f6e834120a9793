package dev.gatehouse.reports;

import java.time.Instant;

/** A report as delivered: which one, for which period (null when it took none), when it was made, and its table. */
public record ReportResult(String report, String title, ReportPeriod period, Instant generatedAt, ReportTable table) {}
