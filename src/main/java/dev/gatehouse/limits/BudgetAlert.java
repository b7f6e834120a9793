package dev.gatehouse.limits;

import java.time.Instant;

/**
 * A scope's spend reached its soft budget.
 *
 * @param period      {@code day} or {@code month} (UTC)
 * @param budgetNanos the budget, in {@code currency}
 * @param spentNanos  what was spent in the period when this was noticed
 */
public record BudgetAlert(ScopeRef scope, Period period, Currency currency, long budgetNanos, long spentNanos, Instant at) {
    public enum Period { DAY, MONTH }
}
