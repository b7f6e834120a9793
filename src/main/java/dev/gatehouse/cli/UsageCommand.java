package dev.gatehouse.cli;

import dev.gatehouse.metering.UsageBucket;
import dev.gatehouse.metering.UsageDimension;
import dev.gatehouse.metering.UsageFilter;
import dev.gatehouse.metering.UsageQueries;
import dev.gatehouse.metering.UsageQueries.GroupTotals;
import dev.gatehouse.metering.UsageQueries.SeriesPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code gatehouse usage --customer ID --since DATE}: what was used and what it cost, from the
 * usage ledger. Totals by default; per group with {@code --by}; per hour or day with
 * {@code --series}. {@code --csv} writes the same rows as CSV, or, without {@code --by} and
 * {@code --series}, every request's record (the ledger export).
 */
@Command(name = "usage", mixinStandardHelpOptions = true, description = "Usage and cost totals, groups, time series and CSV export.")
public final class UsageCommand implements Callable<Integer> {
    private static final List<String> TOTAL_COLUMNS =
            List.of("requests", "errors", "input_tokens", "output_tokens", "cached_tokens", "cost_usd", "cost_cny");

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Option(names = "--customer", paramLabel = "ID", description = "One customer's usage; default: every customer's.")
    String customer;

    @Option(names = "--since", required = true, paramLabel = "TIME", description = "From this date (UTC midnight) or ISO time on, inclusive.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Up to this date (UTC midnight) or ISO time, exclusive; default: no end.")
    String until;

    @Option(names = "--by", description = "Group by model, provider, key, project, customer or upstream_model.")
    String by;

    @Option(names = "--series", description = "Per hour or day (UTC).")
    String series;

    @Option(names = "--csv", description = "CSV instead of a table; without --by or --series, one line per request.")
    boolean csv;

    @Override
    public Integer call() {
        return StoreRun.run(spec, options, (store, out) -> {
            if (csv && out.json()) throw new CliInputException("--csv", "choose --csv or --json, not both");
            Instant from = Times.parse(since, "--since");
            Instant to = Times.parseOrNull(until, "--until");
            if (to != null && !to.isAfter(from)) throw new CliInputException("--until", "must be after --since");
            UsageFilter filter = UsageFilter.customer(customer, from, to);
            UsageDimension dimension = by == null ? null : UsageDimension.parse(by.strip());
            UsageBucket bucket = series == null ? null : UsageBucket.parse(series.strip());
            UsageQueries usage = store.usage();
            if (csv && dimension == null && bucket == null) {
                PrintWriter w = out.out();
                usage.exportCsv(filter, w);
                w.flush();
                return StoreRun.OK;
            }
            List<String> columns = new ArrayList<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            if (bucket != null) {
                columns.add("start");
                if (dimension != null) columns.add(dimension.wireName());
                for (SeriesPoint p : usage.series(filter, bucket, dimension)) {
                    Map<String, Object> lead = new LinkedHashMap<>();
                    lead.put("start", p.start().toString());
                    if (dimension != null) lead.put(dimension.wireName(), p.group());
                    rows.add(Views.usage(lead, p.totals()));
                }
            } else if (dimension != null) {
                columns.add(dimension.wireName());
                for (GroupTotals g : usage.totalsBy(filter, dimension)) {
                    Map<String, Object> lead = new LinkedHashMap<>();
                    lead.put(dimension.wireName(), g.group()); // null: records without one (e.g. no project)
                    rows.add(Views.usage(lead, g.totals()));
                }
            } else {
                rows.add(Views.usage(Map.of(), usage.totals(filter)));
            }
            columns.addAll(TOTAL_COLUMNS);
            if (csv) CsvRows.write(out.out(), rows, columns);
            else if (dimension == null && bucket == null) out.record(rows.getFirst());
            else out.table(rows, columns);
            return StoreRun.OK;
        });
    }
}
