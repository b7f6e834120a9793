package dev.gatehouse.cli;

import dev.gatehouse.accounts.KeyCheck;
import dev.gatehouse.accounts.KeyDirectory;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The account path against PostgreSQL, selected by nothing but the config's store URL. */
class PostgresCliTest {
    @TempDir
    Path dir;

    @Test
    void should_create_a_customer_and_a_key_on_postgresql() {
        Cli cli = Cli.withStore(dir, StoreFixtures.postgresUrl(), "postgres");
        String customer = AccountsFlow.createCustomer(cli, "Postgres Pty");
        Cli.Result key = cli.run("keys", "create", "--customer", customer, "--name", "prod", "--json");
        assertThat(key.code()).as(key.toString()).isZero();
        String secret = key.json().get("secret").asText();

        Cli.Result again = cli.run("customers", "create", "--name", "Postgres Pty", "--kind", "enterprise", "--country", "AU");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("--name", "already exists");

        assertThat(cli.run("keys", "list", "--customer", customer).out()).contains("prod", "active").doesNotContain(secret);
        try (Database db = cli.openDatabase(); KeyDirectory keys = KeyDirectory.start(db, Duration.ofHours(1))) {
            assertThat(db.isPostgres()).isTrue();
            assertThat(keys.check(secret)).isInstanceOfSatisfying(KeyCheck.Valid.class,
                    v -> assertThat(v.customerId()).isEqualTo(customer));
        }
    }
}
