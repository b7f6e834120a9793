package dev.gatehouse.limits;

import java.time.Instant;

/** A customer's prepaid balance, in nano-units of {@code currency}. May be slightly negative after in-flight requests. */
public record CreditAccount(String customerId, Currency currency, long balanceNanos, Instant updatedAt) {}
