package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.accounts.KeyCheck;
import dev.gatehouse.accounts.KeyDirectory;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.accounts.UserStore;
import dev.gatehouse.config.Secret;
import dev.gatehouse.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsCliTest {
    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void store() {
        cli = Cli.h2(dir);
    }

    @Test
    void should_create_customer_project_and_key_list_it_without_secret_and_revoke_it() {
        String customer = AccountsFlow.createCustomer(cli, "Acme Ltd");
        Cli.Result project = cli.run("projects", "create", "--customer", customer, "--name", "search", "--json");
        assertThat(project.code()).as(project.toString()).isZero();
        String projectId = project.json().get("id").asText();

        Cli.Result created = cli.run("keys", "create", "--customer", customer, "--project", projectId, "--name", "ci",
                "--models", "gpt-4o,claude-sonnet", "--expires", "2099-01-01T00:00:00Z", "--json");
        assertThat(created.code()).as(created.toString()).isZero();
        JsonNode key = created.json();
        String keyId = key.get("id").asText();
        String secret = key.get("secret").asText();
        assertThat(secret).startsWith(key.get("prefix").asText());
        assertThat(created.err()).contains("cannot be shown again");
        assertThat(key.get("models")).hasSize(2);
        assertThat(key.get("expires_at").asText()).isEqualTo("2099-01-01T00:00:00Z");

        Cli.Result listed = cli.run("keys", "list", "--customer", customer);
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).contains(keyId, "ci", projectId, "claude-sonnet,gpt-4o", "active").doesNotContain(secret);
        Cli.Result listedJson = cli.run("keys", "list", "--customer", customer, "--json");
        assertThat(listedJson.out()).doesNotContain(secret);
        assertThat(listedJson.json()).hasSize(1);
        assertThat(listedJson.json().get(0).has("secret")).isFalse();

        Cli.Result revoked = cli.run("keys", "revoke", keyId);
        assertThat(revoked.code()).as(revoked.toString()).isZero();
        assertThat(revoked.out()).contains("revoked").doesNotContain(secret);
        assertThat(cli.run("keys", "list", "--customer", customer, "--json").json().get(0).get("status").asText())
                .isEqualTo("revoked");
        try (Database db = cli.openDatabase(); KeyDirectory keys = KeyDirectory.start(db, Duration.ofHours(1))) {
            assertThat(keys.check(secret)).isInstanceOf(KeyCheck.Revoked.class);
        }
    }

    @Test
    void should_print_a_key_secret_once_and_never_again() {
        String customer = AccountsFlow.createCustomer(cli, "Once Inc");
        Cli.Result created = cli.run("keys", "create", "--customer", customer);
        assertThat(created.code()).as(created.toString()).isZero();
        String secret = created.out().lines().filter(l -> l.startsWith("secret:")).findFirst().orElseThrow()
                .substring("secret:".length()).strip();
        String keyId = created.out().lines().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
        assertThat(created.err()).contains("WARNING", "cannot be shown again");

        String everythingAfter = cli.run("keys", "list", "--customer", customer, "--json").out()
                + cli.run("customers", "show", customer).out() + cli.run("keys", "revoke", keyId, "--json").out();
        assertThat(everythingAfter).contains(keyId).doesNotContain(secret);
        try (Database db = cli.openDatabase()) {
            String stored = db.withConnection(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT * FROM api_keys")) {
                    StringBuilder all = new StringBuilder();
                    while (rs.next()) for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) all.append(rs.getString(i)).append('|');
                    return all.toString();
                }
            });
            assertThat(stored).contains(keyId).doesNotContain(secret);
        }
    }

    @Test
    void should_refuse_a_second_customer_with_the_same_name() {
        AccountsFlow.createCustomer(cli, "Twice GmbH");
        Cli.Result again = cli.run("customers", "create", "--name", "Twice GmbH", "--kind", "individual", "--country", "DE");
        assertThat(again.code()).as(again.toString()).isEqualTo(2);
        assertThat(again.err()).contains("--name", "a customer named 'Twice GmbH' already exists");
        assertThat(cli.run("customers", "list", "--json").json()).hasSize(1);
    }

    @Test
    void should_refuse_a_bad_country_naming_the_option_and_write_nothing() {
        Cli.Result bad = cli.run("customers", "create", "--name", "Nowhere", "--kind", "enterprise", "--country", "XX");
        assertThat(bad.code()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("--country:", "ISO 3166-1 alpha-2", "'XX'");
        Cli.Result badKind = cli.run("customers", "create", "--name", "Nowhere", "--kind", "company", "--country", "DE");
        assertThat(badKind.code()).isEqualTo(2);
        assertThat(badKind.err()).contains("--kind:", "individual, enterprise");
        Cli.Result list = cli.run("customers", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("(none)").doesNotContain("Nowhere");
    }

    @Test
    void should_answer_1_for_an_unknown_customer_and_2_for_a_missing_option() {
        Cli.Result unknown = cli.run("customers", "show", "cus_nothere");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("--customer: no customer cus_nothere");
        Cli.Result keyForNobody = cli.run("keys", "create", "--customer", "cus_nothere");
        assertThat(keyForNobody.code()).isEqualTo(1);
        Cli.Result missing = cli.run("customers", "create", "--name", "No Kind", "--country", "DE");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--kind");
    }

    @Test
    void should_explain_a_missing_config_with_exit_2() {
        Cli.Result r = Cli.runRaw("customers", "list", "--config", dir.resolve("absent.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--config: no such file", "absent.yaml");
    }

    @Test
    void should_suspend_activate_and_close_a_customer_for_good() {
        String customer = AccountsFlow.createCustomer(cli, "Moody plc");
        assertThat(cli.run("customers", "suspend", customer, "--json").json().get("status").asText()).isEqualTo("suspended");
        assertThat(cli.run("customers", "activate", customer, "--json").json().get("status").asText()).isEqualTo("active");
        JsonNode closed = cli.run("customers", "close", customer, "--json").json();
        assertThat(closed.get("status").asText()).isEqualTo("closed");
        assertThat(closed.get("closed_at").isNull()).isFalse();
        Cli.Result reopen = cli.run("customers", "activate", customer);
        assertThat(reopen.code()).isEqualTo(2);
        assertThat(reopen.err()).contains("cannot be reopened");
    }

    @Test
    void should_create_an_owner_admin_key_that_the_gateway_accepts() {
        Cli.Result r = cli.run("admin-keys", "create", "--role", "owner", "--name", "first", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        String secret = r.json().get("secret").asText();
        try (Database db = cli.openDatabase(); KeyDirectory keys = KeyDirectory.start(db, Duration.ofHours(1))) {
            KeyCheck check = keys.check(secret);
            assertThat(check).isInstanceOf(KeyCheck.Valid.class);
            assertThat(((KeyCheck.Valid) check).role()).isEqualTo(Role.OWNER);
            assertThat(((KeyCheck.Valid) check).customerId()).isNull();
        }
        assertThat(cli.run("admin-keys", "list").out()).contains("owner", "first").doesNotContain(secret);
        assertThat(cli.run("admin-keys", "create", "--role", "janitor").err()).contains("--role:", "owner, admin, compliance, viewer");
    }

    @Test
    void should_create_a_user_with_the_password_from_stdin() {
        String customer = AccountsFlow.createCustomer(cli, "Users SA");
        InputStream stdin = System.in;
        Cli.Result r;
        try {
            System.setIn(new ByteArrayInputStream("correct horse battery\n".getBytes(StandardCharsets.UTF_8)));
            r = cli.run("users", "create", "--email", "Ada@Example.org", "--role", "admin", "--customer", customer,
                    "--password-stdin", "--json");
        } finally {
            System.setIn(stdin);
        }
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.json().get("email").asText()).isEqualTo("ada@example.org");
        assertThat(r.out()).doesNotContain("correct horse");
        try (Database db = cli.openDatabase()) {
            UserStore users = new UserStore(db);
            assertThat(users.verifyPassword("ada@example.org", new Secret("correct horse battery"))).isPresent();
            assertThat(users.verifyPassword("ada@example.org", new Secret("correct horse battery\n"))).isEmpty();
        }
    }

    @Test
    void should_refuse_a_password_on_the_command_line() {
        Cli.Result r = cli.run("users", "create", "--email", "a@example.org", "--role", "viewer", "--password", "hunter2hunter2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option", "'--password'");
    }
}
