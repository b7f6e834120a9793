package dev.gatehouse.accounts;

/**
 * What creating a customer takes. {@code email} and {@code phone} may be null; {@code status}
 * null means {@code active}.
 */
public record NewCustomer(String name, CustomerKind kind, String country, String email, String phone,
                          CustomerStatus status) {
}
