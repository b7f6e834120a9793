package dev.gatehouse.limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares a scope's spend with its day and month budgets. A hard budget that is spent becomes an
 * {@link Overrun} for the stage to refuse; a soft one is logged at WARN and sent to the
 * {@link AlertSink} once per scope and period.
 */
final class BudgetGuard {
    private static final Logger log = LoggerFactory.getLogger(BudgetGuard.class);

    private final SpendLedger spend;
    private final AlertSink alerts;
    private final Set<String> alerted = ConcurrentHashMap.newKeySet();

    BudgetGuard(SpendLedger spend, AlertSink alerts) {
        this.spend = spend;
        this.alerts = alerts;
    }

    /** A hard budget this scope has spent, or null (soft budgets alert and pass). */
    Overrun check(Limits limits) {
        if (limits == null || !limits.hasBudget()) return null;
        Overrun day = over(limits, BudgetAlert.Period.DAY, limits.budgetDayNanos());
        Overrun month = over(limits, BudgetAlert.Period.MONTH, limits.budgetMonthNanos());
        Overrun first = month != null ? month : day; // the month's wait is the longer one to report
        if (first == null) return null;
        if (limits.budgetMode() == BudgetMode.SOFT) {
            if (day != null) alertOnce(day);
            if (month != null) alertOnce(month);
            return null;
        }
        return first;
    }

    private Overrun over(Limits limits, BudgetAlert.Period period, Long budget) {
        if (budget == null) return null;
        Spend spent = period == BudgetAlert.Period.DAY ? spend.today(limits.scope()) : spend.thisMonth(limits.scope());
        long inCurrency = spent.in(limits.budgetCurrency());
        return inCurrency >= budget ? new Overrun(limits.scope(), period, limits.budgetCurrency(), budget, inCurrency, untilNext(period)) : null;
    }

    private Duration untilNext(BudgetAlert.Period period) {
        LocalDate today = spend.today();
        LocalDate next = period == BudgetAlert.Period.DAY ? today.plusDays(1) : today.withDayOfMonth(1).plusMonths(1);
        return Duration.between(spend.clock().instant(), next.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private void alertOnce(Overrun o) {
        LocalDate today = spend.today();
        String periodId = o.period() == BudgetAlert.Period.DAY ? today.toString() : today.toString().substring(0, 7);
        String key = o.scope().counterKey() + "|" + o.period() + "|" + periodId;
        if (!alerted.add(key)) return;
        alerted.removeIf(k -> !k.endsWith("|" + today) && !k.endsWith("|" + today.toString().substring(0, 7))); // old periods
        log.warn("{} has spent {} of its soft {} budget of {} {} (nano-units); requests still pass",
                o.scope().describe(), o.spentNanos(), o.period().name().toLowerCase(java.util.Locale.ROOT), o.budgetNanos(), o.currency());
        try {
            alerts.budgetExceeded(new BudgetAlert(o.scope(), o.period(), o.currency(), o.budgetNanos(), o.spentNanos(), Instant.now(spend.clock())));
        } catch (RuntimeException e) {
            log.error("the budget alert sink failed", e);
        }
    }

    /** A spent budget: who, which period, how much, and how long until the period ends. */
    record Overrun(ScopeRef scope, BudgetAlert.Period period, Currency currency, long budgetNanos, long spentNanos, Duration untilReset) {}
}
