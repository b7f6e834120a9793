package dev.gatehouse.reports;

import dev.gatehouse.config.ComplianceConfig;
import dev.gatehouse.metering.UsageBucket;
import dev.gatehouse.metering.UsageDimension;
import dev.gatehouse.metering.UsageFilter;
import dev.gatehouse.metering.UsageQueries;
import dev.gatehouse.metering.UsageQueries.GroupTotals;
import dev.gatehouse.metering.UsageTotals;
import dev.gatehouse.reports.KycSnapshot.CustomerKyc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Foreign persons (the CIP record's {@code foreign} flag) whose usage over the period reaches
 * either threshold, tokens or spend, with their CIP fields and the usage that put them there: the
 * shape of the report the US proposal for IaaS providers (15 CFR 7.308) asks for when a foreign
 * person may be training a large AI model: who the customer is, what it used, over which period.
 * Usage comes from the ledger ({@link UsageQueries}).
 */
final class ForeignLargeScaleUseReport implements Report {
    static final String MIN_TOKENS = "min_tokens";
    static final String MIN_SPEND_USD = "min_spend_usd";
    private static final String NONE = "(none)";

    private static final List<Column> USAGE = List.of(
            new Column("period_from", "First day of the period (UTC)"),
            new Column("period_to", "Last day of the period (UTC, inclusive)"),
            new Column("triggered_by", "Which thresholds the usage reached: tokens, spend"),
            new Column("requests", "Requests in the period, failed ones included"),
            new Column("failed_requests", "Requests answered with an error (status 400 or more)"),
            new Column("input_tokens", "Prompt tokens, cached ones included"),
            new Column("output_tokens", "Completion tokens"),
            new Column("total_tokens", "Input plus output tokens: what min_tokens is compared with"),
            new Column("spend_usd", "Cost in USD (converted where the price is in CNY): what min_spend_usd is compared with"),
            new Column("spend_cny", "Cost in CNY (converted where the price is in USD)"),
            new Column("requests_by_route", "Requests per route (the model name the client sent); (none) when no route matched"),
            new Column("requests_by_upstream_model", "Requests per upstream model that served them; (none) when none did"),
            new Column("first_usage_day", "First day in the period with a request (UTC)"),
            new Column("last_usage_day", "Last day in the period with a request (UTC)"));
    private static final List<Column> COLUMNS = CustomerColumns.concat(
            CustomerColumns.IDENTITY, CustomerColumns.VERIFICATION, CustomerColumns.SCREENING, USAGE);

    @Override public String name() { return "foreign-large-scale-use"; }

    @Override public String title() { return "Foreign large-scale use report"; }

    @Override public String description() {
        return "Foreign persons whose usage over the period reaches the token or spend threshold, with their CIP fields"
                + " and usage, as the US IaaS proposal (15 CFR 7.308) asks of providers.";
    }

    @Override public PeriodUse period() { return PeriodUse.REQUIRED; }

    @Override public List<Parameter> parameters() {
        return List.of(new Parameter(MIN_TOKENS, "Token threshold (input + output); default: compliance.large_scale_tokens"),
                new Parameter(MIN_SPEND_USD, "Spend threshold in USD; default: compliance.large_scale_spend_usd"));
    }

    @Override public List<Column> columns() { return COLUMNS; }

    @Override
    public ReportTable run(ReportSource source, ReportRequest request) {
        ComplianceConfig config = source.compliance();
        long minTokens = request.count(MIN_TOKENS, config.largeScaleTokens());
        long minSpendNanos = request.amountNanos(MIN_SPEND_USD, usdNanos(config.largeScaleSpendUsd()));
        ReportPeriod period = request.period();
        ReportTable table = new ReportTable(COLUMNS)
                .parameter(MIN_TOKENS, minTokens)
                .parameter(MIN_SPEND_USD, Cells.money(minSpendNanos));
        UsageQueries usage = new UsageQueries(source.db());
        List<GroupTotals> reaching = usage.totalsBy(new UsageFilter(null, null, null, null, null, period.start(), period.end()),
                        UsageDimension.CUSTOMER).stream()
                .filter(g -> !triggers(g.totals(), minTokens, minSpendNanos).isEmpty()).toList();

        Map<String, CustomerKyc> kyc = reaching.isEmpty() ? Map.of() : KycSnapshot.load(source.db());
        List<String> withoutRecord = new ArrayList<>();
        int domestic = 0;
        for (GroupTotals g : reaching) { // largest spend first
            UsageTotals t = g.totals();
            if (g.group() == null) {
                table.note("Keys from the config file (no customer) used " + t.totalTokens() + " tokens and " + Cells.money(t.costUsdNanos())
                        + " USD in the period, reaching a threshold; that usage cannot be attributed to a customer.");
                continue;
            }
            CustomerKyc k = kyc.get(g.group());
            if (k == null || k.cip() == null) {
                withoutRecord.add(g.group());
                continue;
            }
            if (!k.details().foreign()) {
                domestic++;
                continue;
            }
            ReportTable.Row row = table.row();
            CustomerColumns.identity(row, k);
            CustomerColumns.verification(row, k);
            CustomerColumns.screening(row, k);
            usageCells(row, usage, g.group(), t, period, triggers(t, minTokens, minSpendNanos));
            row.add();
        }
        table.note("A customer is listed when its CIP record marks it foreign (not a US person) and its usage from "
                + period.start() + " to " + period.end() + " (exclusive) reaches " + minTokens + " tokens or "
                + Cells.money(minSpendNanos) + " USD.");
        if (domestic > 0) table.note("Reached a threshold but not foreign persons by their CIP record: " + Cells.count(domestic, "customer") + ".");
        if (!withoutRecord.isEmpty()) {
            table.note("Reached a threshold without a CIP record, so whether they are foreign persons is unknown: "
                    + String.join(", ", withoutRecord) + ".");
        }
        table.note("The gateway routes chat completions and embeddings only: it routes no fine-tuning or batch jobs, so none are counted."
                + " The usage ledger does not record a request's operation, so requests are broken down by route and upstream model.");
        table.note("15 CFR 7.308 also asks for the details of a training run (estimated computing operations, its dates, the model);"
                + " a gateway does not see training runs, so these are for the operator to add.");
        return table;
    }

    private static void usageCells(ReportTable.Row row, UsageQueries usage, String customerId, UsageTotals t, ReportPeriod period,
                                   List<String> triggers) {
        UsageFilter own = UsageFilter.customer(customerId, period.start(), period.end());
        var days = usage.series(own, UsageBucket.DAY, null);
        row.set("period_from", period.from()).set("period_to", period.to())
                .set("triggered_by", triggers)
                .set("requests", t.requests()).set("failed_requests", t.errors())
                .set("input_tokens", t.inputTokens()).set("output_tokens", t.outputTokens()).set("total_tokens", t.totalTokens())
                .set("spend_usd", Cells.money(t.costUsdNanos())).set("spend_cny", Cells.money(t.costCnyNanos()))
                .set("requests_by_route", requests(usage.totalsBy(own, UsageDimension.MODEL)))
                .set("requests_by_upstream_model", requests(usage.totalsBy(own, UsageDimension.UPSTREAM_MODEL)))
                .set("first_usage_day", days.isEmpty() ? null : LocalDate.ofInstant(days.getFirst().start(), ZoneOffset.UTC))
                .set("last_usage_day", days.isEmpty() ? null : LocalDate.ofInstant(days.getLast().start(), ZoneOffset.UTC));
    }

    /** Requests per group, most first, then by name. */
    private static Map<String, Object> requests(List<GroupTotals> groups) {
        Map<String, Object> out = new LinkedHashMap<>();
        groups.stream()
                .sorted(Comparator.comparingLong((GroupTotals g) -> -g.totals().requests())
                        .thenComparing(g -> g.group() == null ? NONE : g.group()))
                .forEach(g -> out.put(g.group() == null ? NONE : g.group(), g.totals().requests()));
        return out;
    }

    private static List<String> triggers(UsageTotals t, long minTokens, long minSpendNanos) {
        List<String> out = new ArrayList<>(2);
        if (t.totalTokens() >= minTokens) out.add("tokens");
        if (t.costUsdNanos() >= minSpendNanos) out.add("spend");
        return out;
    }

    private static long usdNanos(double usd) {
        return BigDecimal.valueOf(usd).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
