package dev.gatehouse.reports;

import java.util.List;

/**
 * One compliance report: what it is called and holds, and how it reads its rows. A report is
 * stateless; everything it reads comes from the {@link ReportSource}. {@link #run} blocks on
 * JDBC: call it through {@link dev.gatehouse.store.Blocking} from an event loop.
 */
public interface Report {
    /** Whether a report needs a period. */
    enum PeriodUse { REQUIRED, OPTIONAL }

    /** The name in {@code gatehouse report NAME} and {@code /admin/v1/reports/{name}}. */
    String name();

    String title();

    String description();

    PeriodUse period();

    /** Parameters besides the period; none unless overridden. */
    default List<Parameter> parameters() { return List.of(); }

    List<Column> columns();

    /** The rows, notes and effective parameters. The period is there when {@link #period()} is REQUIRED. */
    ReportTable run(ReportSource source, ReportRequest request);
}
