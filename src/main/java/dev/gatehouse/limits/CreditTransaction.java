package dev.gatehouse.limits;

import java.time.Instant;
import java.util.Locale;

/**
 * One change of a balance: positive for top-ups and redemptions, negative for usage (written in
 * batches, so one row may cover several requests) and adjustments.
 */
public record CreditTransaction(String id, String customerId, Kind kind, long amountNanos, String reference, Instant createdAt) {
    public enum Kind {
        TOPUP, REDEEM, USAGE, ADJUST;

        public String dbName() { return name().toLowerCase(Locale.ROOT); }

        static Kind fromDb(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }
    }
}
