package dev.gatehouse.cli;

import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.limits.BudgetMode;
import dev.gatehouse.limits.Currency;
import dev.gatehouse.limits.Limits;
import dev.gatehouse.limits.ScopeRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse limits set|show|clear}: rate limits and budgets of a key, project or customer.
 * {@code set} changes only the limits it is given and keeps the others.
 */
@Command(name = "limits", mixinStandardHelpOptions = true, description = "Set, show and clear rate limits and budgets.")
public final class LimitsCommand {
    @Spec
    CommandSpec spec;

    /** Which scope: shared by the three subcommands. */
    static final class Scope {
        @Option(names = "--scope", required = true, description = "key, project or customer.")
        String kind;

        @Option(names = "--id", required = true, description = "The key's, project's or customer's id.")
        String id;

        /** The scope, checked to exist: limits on a mistyped id would silently limit nothing. */
        ScopeRef resolve(CliStore store) {
            ScopeRef ref = new ScopeRef(ScopeRef.Kind.parse(kind), id);
            boolean exists = switch (ref.kind()) {
                case KEY -> store.keys().get(id).isPresent();
                case PROJECT -> store.projectExists(id);
                case CUSTOMER -> store.customers().get(id).isPresent();
            };
            if (!exists) throw new AccountsException.NotFound("scope_id", "no " + ref.kind().dbName() + " " + id);
            return ref;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set limits; those not given stay as they were. A running gateway applies them when it next loads its limits.")
    int set(@Mixin StoreOptions options, @Mixin Scope scope,
            @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute.") Integer rpm,
            @Option(names = "--tpm", paramLabel = "N", description = "Tokens per minute.") Long tpm,
            @Option(names = "--concurrent", paramLabel = "N", description = "Requests at the same time.") Integer concurrent,
            @Option(names = "--budget-day", paramLabel = "AMOUNT", description = "Spend per UTC day, e.g. 5.00.") String budgetDay,
            @Option(names = "--budget-month", paramLabel = "AMOUNT", description = "Spend per UTC month, e.g. 100.") String budgetMonth,
            @Option(names = "--currency", description = "USD or CNY: the budgets' currency.") String currency,
            @Option(names = "--mode", description = "hard (refuse when spent, the default) or soft (alert only).") String mode) {
        return StoreRun.run(spec, options, (store, out) -> {
            ScopeRef ref = scope.resolve(store);
            Limits l = store.limits().get(ref).orElse(Limits.none(ref));
            if (rpm != null) l = l.withRequestsPerMinute(rpm);
            if (tpm != null) l = l.withTokensPerMinute(tpm);
            if (concurrent != null) l = l.withConcurrentRequests(concurrent);
            Long day = budgetDay != null ? Long.valueOf(Money.nanos(budgetDay, "--budget-day")) : l.budgetDayNanos();
            Long month = budgetMonth != null ? Long.valueOf(Money.nanos(budgetMonth, "--budget-month")) : l.budgetMonthNanos();
            Currency cur = currency != null ? Currency.parse(currency, "budget_currency") : l.budgetCurrency();
            BudgetMode m = mode != null ? BudgetMode.parse(mode, "budget_mode") : l.budgetMode();
            l = l.withBudget(cur, day, month, m);
            out.record(Views.limits(store.limits().put(l)));
            return StoreRun.OK;
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a scope's limits.")
    int show(@Mixin StoreOptions options, @Mixin Scope scope) {
        return StoreRun.run(spec, options, (store, out) -> {
            ScopeRef ref = scope.resolve(store);
            out.record(Views.limits(store.limits().get(ref).orElse(Limits.none(ref))));
            return StoreRun.OK;
        });
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove every limit and budget of a scope.")
    int clear(@Mixin StoreOptions options, @Mixin Scope scope) {
        return StoreRun.run(spec, options, (store, out) -> {
            ScopeRef ref = scope.resolve(store);
            boolean had = store.limits().delete(ref);
            out.note(had ? "Cleared the limits of " + ref.describe() + "." : ref.describe() + " had no limits.");
            return StoreRun.OK;
        });
    }
}
