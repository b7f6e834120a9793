package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsAndCreditsCliTest {
    @TempDir
    Path dir;

    Cli cli;
    String customer;

    @BeforeEach
    void store() {
        cli = Cli.h2(dir);
        customer = AccountsFlow.createCustomer(cli, "Limited Co");
    }

    @Test
    void should_set_limits_one_at_a_time_and_keep_the_others() {
        assertThat(cli.run("limits", "set", "--scope", "customer", "--id", customer, "--rpm", "60").code()).isZero();
        assertThat(cli.run("limits", "set", "--scope", "customer", "--id", customer, "--tpm", "100000", "--concurrent", "4").code()).isZero();
        Cli.Result budget = cli.run("limits", "set", "--scope", "customer", "--id", customer,
                "--budget-day", "5.00", "--budget-month", "100", "--currency", "usd", "--mode", "soft");
        assertThat(budget.code()).as(budget.toString()).isZero();

        JsonNode shown = cli.run("limits", "show", "--scope", "customer", "--id", customer, "--json").json();
        assertThat(shown.get("requests_per_minute").asInt()).isEqualTo(60);
        assertThat(shown.get("tokens_per_minute").asLong()).isEqualTo(100_000);
        assertThat(shown.get("concurrent_requests").asInt()).isEqualTo(4);
        assertThat(shown.get("budget_currency").asText()).isEqualTo("USD");
        assertThat(shown.get("budget_day_nanos").asLong()).isEqualTo(5_000_000_000L);
        assertThat(shown.get("budget_month").asText()).isEqualTo("100.00");
        assertThat(shown.get("budget_mode").asText()).isEqualTo("soft");

        assertThat(cli.run("limits", "clear", "--scope", "customer", "--id", customer).code()).isZero();
        assertThat(cli.run("limits", "show", "--scope", "customer", "--id", customer, "--json").json().get("requests_per_minute").isNull())
                .isTrue();
    }

    @Test
    void should_refuse_a_negative_limit_naming_the_option_and_write_nothing() {
        cli.run("limits", "set", "--scope", "customer", "--id", customer, "--rpm", "60");
        Cli.Result negative = cli.run("limits", "set", "--scope", "customer", "--id", customer, "--rpm", "-5", "--tpm", "10");
        assertThat(negative.code()).as(negative.toString()).isEqualTo(2);
        assertThat(negative.err()).contains("--rpm:", "must be a positive number");
        Cli.Result negativeBudget = cli.run("limits", "set", "--scope", "customer", "--id", customer, "--budget-day", "-1", "--currency", "USD");
        assertThat(negativeBudget.code()).isEqualTo(2);
        assertThat(negativeBudget.err()).contains("--budget-day:", "must not be negative");
        Cli.Result noCurrency = cli.run("limits", "set", "--scope", "customer", "--id", customer, "--budget-day", "1");
        assertThat(noCurrency.code()).isEqualTo(2);
        assertThat(noCurrency.err()).contains("--currency:");

        JsonNode shown = cli.run("limits", "show", "--scope", "customer", "--id", customer, "--json").json();
        assertThat(shown.get("requests_per_minute").asInt()).isEqualTo(60);
        assertThat(shown.get("tokens_per_minute").isNull()).isTrue();
        assertThat(shown.get("budget_day").isNull()).isTrue();
    }

    @Test
    void should_refuse_limits_for_a_scope_that_does_not_exist() {
        Cli.Result unknown = cli.run("limits", "set", "--scope", "key", "--id", "key_nothere", "--rpm", "5");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("--id:", "no key key_nothere");
        Cli.Result badScope = cli.run("limits", "show", "--scope", "team", "--id", customer);
        assertThat(badScope.code()).isEqualTo(2);
        assertThat(badScope.err()).contains("--scope:", "key, project or customer");
    }

    @Test
    void should_refuse_bad_amounts_and_leave_the_balance_alone() {
        for (String bad : new String[] {"-5", "1.0000000001", "ten", "0"}) {
            Cli.Result r = cli.run("credits", "topup", "--customer", customer, "--amount", bad, "--currency", "USD");
            assertThat(r.code()).as(bad + ": " + r).isEqualTo(2);
            assertThat(r.err()).contains("--amount:");
        }
        assertThat(cli.run("credits", "balance", "--customer", customer, "--json").json().get("balance_nanos").isNull()).isTrue();

        Cli.Result exact = cli.run("credits", "topup", "--customer", customer, "--amount", "10.123456789", "--currency", "USD", "--json");
        assertThat(exact.code()).as(exact.toString()).isZero();
        assertThat(exact.json().get("balance_nanos").asLong()).isEqualTo(10_123_456_789L);
        Cli.Result otherCurrency = cli.run("credits", "topup", "--customer", customer, "--amount", "1", "--currency", "CNY");
        assertThat(otherCurrency.code()).isEqualTo(2);
        assertThat(otherCurrency.err()).contains("--currency:", "kept in USD");
        Cli.Result balance = cli.run("credits", "balance", "--customer", customer);
        assertThat(balance.out()).contains("USD", "10.123456789");
    }

    @Test
    void should_redeem_a_code_exactly_once() {
        Cli.Result made = cli.run("credits", "codes", "--count", "2", "--amount", "5", "--currency", "CNY", "--json");
        assertThat(made.code()).as(made.toString()).isZero();
        assertThat(made.err()).contains("shown only now");
        JsonNode codes = made.json().get("codes");
        assertThat(codes).hasSize(2);
        String code = codes.get(0).asText();

        Cli.Result first = cli.run("credits", "redeem", "--customer", customer, "--code", code, "--json");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.json().get("balance").asText()).isEqualTo("5.00");
        Cli.Result again = cli.run("credits", "redeem", "--customer", customer, "--code", code);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("--code:", "already been used");
        Cli.Result unknown = cli.run("credits", "redeem", "--customer", customer, "--code", "ghc_nosuchcode");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(cli.run("credits", "balance", "--customer", customer, "--json").json().get("balance_nanos").asLong())
                .isEqualTo(5_000_000_000L);
    }
}
