package dev.gatehouse.accounts;

import java.time.Instant;

/**
 * A customer (organisation or person) of the gateway. {@code country} is ISO 3166-1 alpha-2, upper
 * case; {@code closedAt} is set once the customer is closed. (KYC fields arrive with the
 * compliance issue's migration.)
 */
public record Customer(String id, String name, CustomerKind kind, String country, String email, String phone,
                       CustomerStatus status, Instant createdAt, Instant closedAt) {
}
