package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.metering.LedgerLoader;
import dev.gatehouse.metering.UsageRecord;
import dev.gatehouse.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UsageCliTest {
    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void seed() {
        cli = Cli.h2(dir);
        try (Database db = cli.openDatabase()) {
            LedgerLoader.insert(db, List.of(
                    record("r1", "2026-11-01T10:15:00Z", "cus_a", "gpt-4o", "openai", 200, 100, 20, 1_000_000, 7_100_000),
                    record("r2", "2026-11-01T11:00:00Z", "cus_a", "gpt-4o", "openai", 200, 300, 40, 3_000_000, 21_300_000),
                    record("r3", "2026-11-02T09:00:00Z", "cus_a", "claude-sonnet", "anthropic", 200, 50, 5, 2_500_000, 17_750_000),
                    record("r4", "2026-11-02T09:30:00Z", "cus_a", "claude-sonnet", "anthropic", 502, 50, 0, 0, 0),
                    record("r5", "2026-11-02T12:00:00Z", "cus_b", "gpt-4o", "openai", 200, 999, 999, 9_000_000, 63_900_000),
                    record("r6", "2026-10-31T23:59:59Z", "cus_a", "gpt-4o", "openai", 200, 7, 7, 70_000, 497_000)));
        }
    }

    @Test
    void should_total_a_customers_usage_by_model_since_a_date() {
        Cli.Result r = cli.run("usage", "--customer", "cus_a", "--since", "2026-11-01", "--by", "model", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode rows = r.json();
        assertThat(rows).hasSize(2);
        JsonNode claude = rows.get(1); // largest USD cost first
        assertThat(claude.get("model").asText()).isEqualTo("claude-sonnet");
        assertThat(claude.get("requests").asLong()).isEqualTo(2);
        assertThat(claude.get("errors").asLong()).isEqualTo(1);
        assertThat(claude.get("cost_usd").asText()).isEqualTo("0.0025");
        JsonNode gpt = rows.get(0);
        assertThat(gpt.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(gpt.get("requests").asLong()).isEqualTo(2); // r6 is before --since, r5 is another customer's
        assertThat(gpt.get("input_tokens").asLong()).isEqualTo(400);
        assertThat(gpt.get("output_tokens").asLong()).isEqualTo(60);
        assertThat(gpt.get("cost_usd_nanos").asLong()).isEqualTo(4_000_000);
        assertThat(gpt.get("cost_cny").asText()).isEqualTo("0.0284");

        Cli.Result table = cli.run("usage", "--customer", "cus_a", "--since", "2026-11-01", "--by", "model");
        assertThat(table.code()).isZero();
        assertThat(table.out().lines().toList()).hasSize(3);
        assertThat(table.out().lines().findFirst().orElseThrow()).contains("MODEL", "REQUESTS", "COST_USD");
        assertThat(table.out()).contains("gpt-4o", "0.004");
    }

    @Test
    void should_write_grouped_rows_and_the_ledger_itself_as_csv() {
        Cli.Result grouped = cli.run("usage", "--customer", "cus_a", "--since", "2026-11-01", "--until", "2026-11-02",
                "--by", "provider", "--csv");
        assertThat(grouped.code()).as(grouped.toString()).isZero();
        assertThat(grouped.out()).isEqualTo(
                "provider,requests,errors,input_tokens,output_tokens,cached_tokens,cost_usd,cost_cny\r\n"
                        + "openai,2,0,400,60,0,0.004,0.0284\r\n");

        Cli.Result ledger = cli.run("usage", "--customer", "cus_a", "--since", "2026-11-01", "--csv");
        assertThat(ledger.code()).isZero();
        List<String> lines = ledger.out().lines().toList();
        assertThat(lines).hasSize(5); // header and r1..r4
        assertThat(lines.getFirst()).startsWith("time,request_id,customer_id");
        assertThat(lines.get(1)).startsWith("2026-11-01T10:15:00Z,r1,cus_a,");
        assertThat(lines.get(4)).contains(",r4,", ",502,");
    }

    @Test
    void should_give_totals_and_a_daily_series() {
        JsonNode totals = cli.run("usage", "--customer", "cus_a", "--since", "2026-11-01", "--json").json();
        assertThat(totals.get("requests").asLong()).isEqualTo(4);
        assertThat(totals.get("cost_usd_nanos").asLong()).isEqualTo(6_500_000);

        JsonNode days = cli.run("usage", "--since", "2026-10-31", "--series", "day", "--json").json();
        assertThat(days).hasSize(3);
        assertThat(days.get(0).get("start").asText()).isEqualTo("2026-10-31T00:00:00Z");
        assertThat(days.get(2).get("start").asText()).isEqualTo("2026-11-02T00:00:00Z");
        assertThat(days.get(2).get("requests").asLong()).isEqualTo(3); // every customer's: r3, r4, r5
    }

    @Test
    void should_refuse_a_bad_grouping_or_time_with_exit_2() {
        Cli.Result by = cli.run("usage", "--customer", "cus_a", "--since", "2026-11-01", "--by", "colour");
        assertThat(by.code()).isEqualTo(2);
        assertThat(by.err()).contains("--by:", "model");
        Cli.Result since = cli.run("usage", "--customer", "cus_a", "--since", "yesterday");
        assertThat(since.code()).isEqualTo(2);
        assertThat(since.err()).contains("--since:", "2026-11-01");
        Cli.Result reversed = cli.run("usage", "--since", "2026-11-02", "--until", "2026-11-01");
        assertThat(reversed.code()).isEqualTo(2);
        assertThat(reversed.err()).contains("--until:");
    }

    @Test
    void should_add_and_list_prices() {
        Cli.Result added = cli.run("prices", "add", "--provider", "openai", "--model", "gpt-4o-2024", "--currency", "usd",
                "--input", "2.5", "--output", "10", "--cached-input", "1.25", "--from", "2026-01-01", "--json");
        assertThat(added.code()).as(added.toString()).isZero();
        assertThat(added.json().get("input_per_million").asText()).isEqualTo("2.5");
        assertThat(added.json().get("effective_from").asText()).isEqualTo("2026-01-01T00:00:00Z");
        Cli.Result twice = cli.run("prices", "add", "--provider", "openai", "--model", "gpt-4o-2024", "--currency", "USD",
                "--input", "3", "--output", "12", "--from", "2026-01-01T00:00:00Z");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("--from:", "already exists");
        Cli.Result negative = cli.run("prices", "add", "--provider", "hunyuan", "--model", "hunyuan-lite", "--currency", "CNY",
                "--input", "-1", "--output", "2");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("--input:", "negative");

        Cli.Result list = cli.run("prices", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("openai", "gpt-4o-2024", "USD", "2.5", "10", "1.25").doesNotContain("hunyuan");
        assertThat(cli.run("prices", "list", "--json").json()).hasSize(1);
    }

    private static UsageRecord record(String id, String time, String customer, String route, String provider, int status,
                                      long in, long out, long usdNanos, long cnyNanos) {
        return new UsageRecord(Instant.parse(time), id, customer, null, "key_" + customer, route, provider, route + "-up", null,
                status, status >= 400 ? "upstream_error" : null, in, out, 0, true, usdNanos, cnyNanos,
                usdNanos > 0 ? "prc_x" : null, 100, null);
    }
}
