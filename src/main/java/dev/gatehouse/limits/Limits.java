package dev.gatehouse.limits;

import java.util.Objects;

/**
 * The limits of one scope. A null field means "no limit of that kind". Budgets are nano-units of
 * {@code budgetCurrency} per UTC day and per UTC month. Construction validates, so an invalid
 * value never reaches the store: a {@link ValidationException} names the field.
 */
public record Limits(ScopeRef scope, Integer requestsPerMinute, Long tokensPerMinute, Integer concurrentRequests,
                     Currency budgetCurrency, Long budgetDayNanos, Long budgetMonthNanos, BudgetMode budgetMode) {

    public Limits {
        Objects.requireNonNull(scope, "scope");
        positive("requests_per_minute", requestsPerMinute);
        positive("tokens_per_minute", tokensPerMinute);
        positive("concurrent_requests", concurrentRequests);
        notNegative("budget_day_nanos", budgetDayNanos);
        notNegative("budget_month_nanos", budgetMonthNanos);
        if (budgetCurrency == null && hasBudget(budgetDayNanos, budgetMonthNanos)) {
            throw new ValidationException("budget_currency", "budget_currency (USD or CNY) is required when a budget is set");
        }
        if (budgetMode == null) budgetMode = BudgetMode.HARD;
    }

    /** No limits at all for {@code scope}. */
    public static Limits none(ScopeRef scope) {
        return new Limits(scope, null, null, null, null, null, null, BudgetMode.HARD);
    }

    public Limits withRequestsPerMinute(Integer v) {
        return new Limits(scope, v, tokensPerMinute, concurrentRequests, budgetCurrency, budgetDayNanos, budgetMonthNanos, budgetMode);
    }

    public Limits withTokensPerMinute(Long v) {
        return new Limits(scope, requestsPerMinute, v, concurrentRequests, budgetCurrency, budgetDayNanos, budgetMonthNanos, budgetMode);
    }

    public Limits withConcurrentRequests(Integer v) {
        return new Limits(scope, requestsPerMinute, tokensPerMinute, v, budgetCurrency, budgetDayNanos, budgetMonthNanos, budgetMode);
    }

    public Limits withBudget(Currency currency, Long dayNanos, Long monthNanos, BudgetMode mode) {
        return new Limits(scope, requestsPerMinute, tokensPerMinute, concurrentRequests, currency, dayNanos, monthNanos, mode);
    }

    public boolean hasBudget() { return hasBudget(budgetDayNanos, budgetMonthNanos); }

    private static boolean hasBudget(Long day, Long month) { return day != null || month != null; }

    private static void positive(String field, Number n) {
        if (n != null && n.longValue() <= 0) throw new ValidationException(field, field + " must be a positive number, not " + n);
    }

    private static void notNegative(String field, Long n) {
        if (n != null && n < 0) throw new ValidationException(field, field + " must not be negative, not " + n);
    }
}
