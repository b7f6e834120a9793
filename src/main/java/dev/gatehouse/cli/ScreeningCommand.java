package dev.gatehouse.cli;

import dev.gatehouse.compliance.kyc.CustomerScreening;
import dev.gatehouse.compliance.kyc.RetentionPurge;
import dev.gatehouse.compliance.kyc.ScreeningOutcome;
import dev.gatehouse.compliance.screening.Thresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gatehouse screening rescreen-all}: screens every customer that is not closed against the
 * lists in force. A customer with a block-band hit is suspended in the store; a running gateway
 * refuses its keys within its key directory's refresh.
 */
@Command(name = "screening", mixinStandardHelpOptions = true, description = "Screen customers against the restricted-party lists.")
public final class ScreeningCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "purge-retained", mixinStandardHelpOptions = true,
            description = "Delete the KYC and screening records of customers closed more than --years ago (an audit line per customer).")
    int purgeRetained(@Mixin StoreOptions options,
                      @Option(names = "--years", defaultValue = "2", description = "Retention after closing, in years (default 2).") int years) {
        return StoreRun.run(spec, options, (store, out) -> {
            if (years < 0) throw new CliInputException("--years", "--years must not be negative");
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RetentionPurge.Purged p : new RetentionPurge(store.db(), Clock.systemUTC()).run(Period.ofYears(years))) {
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
            CustomerScreening screening = new CustomerScreening(store.db(), store.customers(), store.screeningLists(Thresholds.DEFAULTS));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ScreeningOutcome o : screening.rescreenAll("rescreen_all")) {
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
}
