package dev.gatehouse.accounts;

/**
 * A change to a customer's details: null leaves a field as it is. Status changes go through
 * {@link CustomerStore#changeStatus} because they have consequences (keys stop working).
 */
public record CustomerUpdate(String name, CustomerKind kind, String country, String email, String phone) {
}
