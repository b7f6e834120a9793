package dev.gatehouse.accounts;

import dev.gatehouse.config.Secret;

/** What creating a console user takes; {@code customerId} null makes an operator staff member. */
public record NewUser(String customerId, String email, Secret password, Role role) {
}
