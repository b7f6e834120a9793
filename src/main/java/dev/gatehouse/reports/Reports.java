package dev.gatehouse.reports;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compliance reports and how one is run, the same for the CLI ({@code gatehouse report}) and
 * the admin API ({@code /admin/v1/reports}): find it by name, check the period and parameters
 * against what it takes, read, and stamp the result. Blocking: call through
 * {@link dev.gatehouse.store.Blocking} from an event loop.
 */
public final class Reports {
    public static final List<Report> ALL = List.of(
            new CustomerIdentificationReport(),
            new ForeignLargeScaleUseReport(),
            new CrossBorderPersonalDataReport(),
            new PolicyDenialsReport(),
            new PolicyDenialDetailsReport());

    private Reports() {}

    public static Report find(String name) {
        for (Report r : ALL) if (r.name().equals(name)) return r;
        throw new ReportInputException.UnknownReport("no report named '" + name + "'; reports: " + names());
    }

    public static String names() { return ALL.stream().map(Report::name).collect(Collectors.joining(", ")); }

    /** Runs report {@code name}; bad input is a {@link ReportInputException} before anything is read. */
    public static ReportResult run(ReportSource source, String name, ReportRequest request) {
        Report report = find(name);
        if (report.period() == Report.PeriodUse.REQUIRED && request.period() == null) {
            throw new ReportInputException("from", "is required: the " + name + " report covers a period (from and to, dates, UTC, inclusive)");
        }
        Set<String> accepted = report.parameters().stream().map(Parameter::name).collect(Collectors.toSet());
        for (String given : request.params().keySet().stream().sorted().toList()) {
            if (!accepted.contains(given)) {
                throw new ReportInputException(given, "is not a parameter of the " + name + " report"
                        + (accepted.isEmpty() ? "; it takes none besides the period" : "; it takes " + String.join(", ", accepted.stream().sorted().toList())));
            }
        }
        var generatedAt = source.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        ReportTable table = report.run(source, request);
        return new ReportResult(report.name(), report.title(), request.period(), generatedAt, table);
    }
}
