package dev.gatehouse.accounts;

import java.time.Instant;

/** A project of one customer; its name is unique within the customer. */
public record Project(String id, String customerId, String name, Instant createdAt) {
}
