package dev.gatehouse.limits;

import java.util.Locale;

/** What happens when a budget is spent: {@code HARD} refuses requests, {@code SOFT} alerts and lets them pass. */
public enum BudgetMode {
    HARD, SOFT;

    public String dbName() { return name().toLowerCase(Locale.ROOT); }

    public static BudgetMode parse(String value, String field) {
        if ("hard".equalsIgnoreCase(value)) return HARD;
        if ("soft".equalsIgnoreCase(value)) return SOFT;
        throw new ValidationException(field, field + " must be hard or soft, not " + (value == null ? "nothing" : "'" + value + "'"));
    }
}
