package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps several CLI tests share. */
final class AccountsFlow {
    private AccountsFlow() {}

    /** {@code customers create} of an active Chinese enterprise; its id. */
    static String createCustomer(Cli cli, String name) {
        Cli.Result r = cli.run("customers", "create", "--name", name, "--kind", "enterprise", "--country", "cn",
                "--email", "ops@example.com", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.json().get("country").asText()).isEqualTo("CN");
        return r.json().get("id").asText();
    }
}
