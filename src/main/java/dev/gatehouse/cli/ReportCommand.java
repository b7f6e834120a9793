package dev.gatehouse.cli;

import dev.gatehouse.reports.Report;
import dev.gatehouse.reports.ReportFormat;
import dev.gatehouse.reports.ReportInputException;
import dev.gatehouse.reports.ReportPeriod;
import dev.gatehouse.reports.ReportRequest;
import dev.gatehouse.reports.ReportResult;
import dev.gatehouse.reports.ReportSource;
import dev.gatehouse.reports.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code gatehouse report NAME --from DATE --to DATE --format csv|json [--out FILE]}: a compliance
 * report from the configured store, the same as {@code GET /admin/v1/reports/{name}}. Dates are
 * UTC days, both inclusive. Everything typed is checked before the store is opened; bad input
 * exits 2 naming the option.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Compliance reports as CSV or JSON (docs/reports.md).",
                "Reports: customer-identification, foreign-large-scale-use, cross-border-personal-data, policy-denials, policy-denials-detail."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The report (--list shows them).")
    String name;

    @Option(names = "--list", description = "List the reports and what they take, then exit.")
    boolean list;

    @Option(names = "--from", paramLabel = "DATE", description = "First day of the period (UTC), inclusive, e.g. 2026-01-01.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day of the period (UTC), inclusive: 2026-12-31 covers all of that day.")
    String to;

    @Option(names = "--format", paramLabel = "csv|json", description = "csv (the table, RFC 4180; the default) or json (with period, parameters and notes).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE (UTF-8) instead of standard output.")
    Path out;

    @Option(names = "--min-tokens", paramLabel = "N", description = "foreign-large-scale-use: token threshold (default: compliance.large_scale_tokens).")
    String minTokens;

    @Option(names = "--min-spend-usd", paramLabel = "AMOUNT", description = "foreign-large-scale-use: spend threshold in USD (default: compliance.large_scale_spend_usd).")
    String minSpendUsd;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            printList(spec.commandLine().getOut());
            return StoreRun.OK;
        }
        ReportFormat fmt;
        ReportRequest request;
        try {
            if (name == null) throw new ReportInputException("name", "name a report: " + Reports.names());
            Reports.find(name);
            fmt = format(format, options.json);
            Map<String, String> params = new LinkedHashMap<>();
            if (minTokens != null) params.put("min_tokens", minTokens);
            if (minSpendUsd != null) params.put("min_spend_usd", minSpendUsd);
            request = new ReportRequest(ReportPeriod.parse(from, to), params);
        } catch (ReportInputException e) {
            return StoreRun.fail(err, StoreRun.BAD_INPUT, option(e.field()), e.getMessage());
        }
        return StoreRun.run(spec, options, (store, output) -> {
            ReportResult result;
            try {
                result = Reports.run(new ReportSource(store.db(), store.config().compliance(), Clock.systemUTC()), name, request);
            } catch (ReportInputException e) {
                throw new CliInputException(option(e.field()), e.getMessage());
            }
            String text = fmt.render(result);
            if (out == null) {
                output.out().print(text);
                output.out().flush();
            } else {
                write(out, text);
                int rows = result.table().rows().size();
                output.out().println(rows + (rows == 1 ? " row" : " rows") + " of " + result.report() + " written to " + out);
                output.out().flush();
            }
            if (fmt == ReportFormat.CSV) result.table().notes().forEach(n -> err.println("note: " + n)); // JSON carries them itself
            err.flush();
            return StoreRun.OK;
        });
    }

    /** {@code --json} (shared by every store command) is short for {@code --format json}. */
    private static ReportFormat format(String format, boolean json) {
        if (format == null) return json ? ReportFormat.JSON : ReportFormat.CSV;
        ReportFormat f = ReportFormat.parse(format);
        if (json && f != ReportFormat.JSON) throw new ReportInputException("format", "is " + f.wire() + " but --json asks for json; give one");
        return f;
    }

    /** Written beside the target and moved over it, so a failed run never leaves half a report. */
    private static void write(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw new CliInputException("--out", "cannot write " + file + ": " + e);
        }
    }

    private static void printList(PrintWriter w) {
        for (Report r : Reports.ALL) {
            w.println(r.name() + " - " + r.title() + (r.period() == Report.PeriodUse.REQUIRED ? " (needs --from and --to)" : ""));
            w.println("    " + r.description());
            r.parameters().forEach(p -> w.println("    --" + p.name().replace('_', '-') + ": " + p.description()));
        }
        w.flush();
    }

    private static String option(String field) {
        return field.equals("name") ? "NAME" : "--" + field.replace('_', '-');
    }
}
