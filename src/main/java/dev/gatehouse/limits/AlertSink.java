package dev.gatehouse.limits;

/**
 * Where soft-budget alerts go (the console will list them). Called at most once per scope, budget
 * period and period instance, on the thread that noticed; implementations must not block.
 */
@FunctionalInterface
public interface AlertSink {
    void budgetExceeded(BudgetAlert alert);

    /** Drops alerts (they are still logged at WARN by the stage). */
    AlertSink NONE = alert -> {};
}
