package dev.gatehouse.cli;

import dev.gatehouse.compliance.kyc.CaseStatus;
import dev.gatehouse.compliance.kyc.RetentionPurge;
import dev.gatehouse.compliance.kyc.ScreeningCase;
import dev.gatehouse.compliance.kyc.ScreeningOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gatehouse screening rescreen-all|cases|decide|purge-retained}: screening customers against
 * the lists in force, the review queue, and the KYC retention purge. A customer with a block-band hit
 * is suspended in the store; a running gateway refuses its keys within its key directory's refresh.
 * Every decision leaves an audit entry naming {@code cli:USER}.
 */
@Command(name = "screening", mixinStandardHelpOptions = true, description = "Screen customers against the restricted-party lists and decide their cases.")
public final class ScreeningCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "purge-retained", mixinStandardHelpOptions = true,
            description = "Delete the KYC and screening records (and their audit entries' bodies) of customers closed longer ago than the retention period.")
    int purgeRetained(@Mixin StoreOptions options,
                      @Option(names = "--retention", paramLabel = "PERIOD",
                              description = "ISO-8601 period after closing, e.g. P2Y (default: compliance.kyc_retention of the config).") String retention) {
        return StoreRun.run(spec, options, (store, out) -> {
            Period period = retention == null ? store.config().compliance().kycRetentionPeriod() : period(retention);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RetentionPurge.Purged p : new RetentionPurge(store.db(), store.audit(), Clock.systemUTC()).run(period, CliStore.actor())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("customer", p.customerId());
                row.put("closed_at", p.closedAt().toString());
                row.put("rows_deleted", p.rows());
                rows.add(row);
            }
            out.table(rows, List.of("customer", "closed_at", "rows_deleted"));
            return StoreRun.OK;
        });
    }

    @Command(name = "rescreen-all", mixinStandardHelpOptions = true,
            description = "Screen every customer that is not closed; block-band hits suspend, review-band hits open cases.")
    int rescreenAll(@Mixin StoreOptions options) {
        return StoreRun.run(spec, options, (store, out) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ScreeningOutcome o : store.screening().rescreenAll("rescreen_all", CliStore.actor())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("customer", o.run().customerId());
                row.put("band", o.run().band().wire());
                row.put("hits", o.run().hits().size());
                row.put("new_cases", o.opened().size());
                row.put("suspended", o.suspended());
                rows.add(row);
            }
            out.table(rows, List.of("customer", "band", "hits", "new_cases", "suspended"));
            return StoreRun.OK;
        });
    }

    @Command(name = "cases", mixinStandardHelpOptions = true, description = "Screening cases, newest first.")
    int cases(@Mixin StoreOptions options,
              @Option(names = "--status", description = "open, true_match or false_positive (default: all).") String status,
              @Option(names = "--customer", paramLabel = "ID", description = "Only this customer's cases.") String customer) {
        return StoreRun.run(spec, options, (store, out) -> {
            CaseStatus s = status == null ? null : CaseStatus.parse("status", status);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ScreeningCase k : store.screening().cases(customer, s)) rows.add(view(k));
            out.table(rows, List.of("id", "customer", "status", "list", "entry_id", "entry_name", "score", "suspends"));
            return StoreRun.OK;
        });
    }

    @Command(name = "decide", mixinStandardHelpOptions = true,
            description = "Decide a case: true_match keeps (or puts) the customer suspended; false_positive clears the hit.")
    int decide(@Mixin StoreOptions options,
               @Parameters(paramLabel = "CASE_ID", description = "The case's id.") String caseId,
               @Option(names = "--decision", required = true, description = "true_match or false_positive.") String decision,
               @Option(names = "--reason", required = true, description = "Why; kept with the decision and in the audit trail.") String reason) {
        return StoreRun.run(spec, options, (store, out) -> {
            CaseStatus d = CaseStatus.parse("decision", decision);
            out.record(view(store.screening().decide(caseId, d, CliStore.actor(), reason)));
            return StoreRun.OK;
        });
    }

    private static Period period(String text) {
        try {
            Period p = Period.parse(text.strip());
            if (p.isNegative() || p.isZero()) throw new CliInputException("--retention", "must be a positive period, not " + text);
            return p;
        } catch (DateTimeParseException e) {
            throw new CliInputException("--retention", "an ISO-8601 period such as P2Y or P18M, not '" + text + "'");
        }
    }

    private static Map<String, Object> view(ScreeningCase k) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", k.id());
        row.put("customer", k.customerId());
        row.put("status", k.status().wire());
        row.put("list", k.hit().list());
        row.put("entry_id", k.hit().entryId());
        row.put("entry_name", k.hit().entryName());
        row.put("matched_name", k.hit().matchedName());
        row.put("score", k.hit().score());
        row.put("suspends", k.suspends());
        row.put("opened_at", k.openedAt().toString());
        row.put("decisions", k.decisions().size());
        return row;
    }
}
