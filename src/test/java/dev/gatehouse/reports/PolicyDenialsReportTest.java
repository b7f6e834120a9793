package dev.gatehouse.reports;

import dev.gatehouse.store.Database;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static dev.gatehouse.reports.ReportRows.columns;
import static dev.gatehouse.reports.ReportRows.period;
import static dev.gatehouse.reports.ReportRows.row;
import static dev.gatehouse.reports.ReportRows.rows;
import static dev.gatehouse.reports.ReportRows.run;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyDenialsReportTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_count_denials_by_rule_customer_and_countries_with_purged_entries_apart(Supplier<Database> store) {
        try (Database db = store.get()) {
            ReportWorld.Ids ids = ReportWorld.seed(db, dir);
            ReportResult r = run(db, "policy-denials", period("2026-01-01", "2026-12-31"), Map.of());

            assertThat(rows(r)).containsExactly(
                    row("entry_state", "recorded", "code", "policy.embargo", "rule", "embargo", "customer_id", ids.harbour(),
                            "customer_name", ReportWorld.HARBOUR_NAME, "customer_country", "CN", "client_country", "IR", "denials", 2L,
                            "first_at", Instant.parse("2026-02-01T00:00:00Z"), "last_at", Instant.parse("2026-02-15T00:00:00Z")),
                    row("entry_state", "recorded", "code", "policy.embargo", "rule", "embargo", "customer_id", null,
                            "customer_name", null, "customer_country", null, "client_country", "KP", "denials", 1L,
                            "first_at", Instant.parse("2026-12-31T23:59:59.999Z"), "last_at", Instant.parse("2026-12-31T23:59:59.999Z")),
                    row("entry_state", "recorded", "code", "policy.provider_region", "rule", "provider_region", "customer_id", ids.berlin(),
                            "customer_name", "Berliner Daten GmbH", "customer_country", "DE", "client_country", "DE", "denials", 1L,
                            "first_at", Instant.parse("2026-03-01T00:00:00Z"), "last_at", Instant.parse("2026-03-01T00:00:00Z")),
                    row("entry_state", "purged", "code", null, "rule", null, "customer_id", null, "customer_name", null,
                            "customer_country", null, "client_country", null, "denials", 1L,
                            "first_at", Instant.parse("2026-01-01T00:00:00Z"), "last_at", Instant.parse("2026-01-01T00:00:00Z")),
                    row("entry_state", "unreadable", "code", null, "rule", null, "customer_id", null, "customer_name", null,
                            "customer_country", null, "client_country", null, "denials", 1L,
                            "first_at", Instant.parse("2026-06-01T00:00:00Z"), "last_at", Instant.parse("2026-06-01T00:00:00Z")));
            assertThat(r.table().notes()).containsExactly(
                    "6 denials from 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z (exclusive).",
                    "Erased by the audit retention purge: 1 (counted; their details are gone).",
                    "Without a readable decision record: 1 (the policy-denials-detail report gives their seq).");

            assertThat(columns(run(db, "policy-denials", period("2025-12-31", "2026-01-01"), Map.of()), "entry_state", "denials"))
                    .as("both purged entries, at each end of the new year").containsExactly(row("entry_state", "purged", "denials", 2L));
            assertThat(rows(run(db, "policy-denials", period("2026-01-02", "2026-01-31"), Map.of()))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_list_each_denial_in_the_detail_report(Supplier<Database> store) {
        try (Database db = store.get()) {
            ReportWorld.Ids ids = ReportWorld.seed(db, dir);
            ReportResult r = run(db, "policy-denials-detail", period("2026-01-01", "2026-12-31"), Map.of());

            assertThat(columns(r, "entry_state", "request_id", "code", "customer_id", "client_ip", "client_country")).containsExactly(
                    row("entry_state", "purged", "request_id", null, "code", null, "customer_id", null, "client_ip", null, "client_country", null),
                    row("entry_state", "recorded", "request_id", "req_d2", "code", "policy.embargo", "customer_id", ids.harbour(),
                            "client_ip", "203.0.113.9", "client_country", "IR"),
                    row("entry_state", "recorded", "request_id", "req_d3", "code", "policy.embargo", "customer_id", ids.harbour(),
                            "client_ip", "203.0.113.9", "client_country", "IR"),
                    row("entry_state", "recorded", "request_id", "req_d4", "code", "policy.provider_region", "customer_id", ids.berlin(),
                            "client_ip", "192.0.2.4", "client_country", "DE"),
                    row("entry_state", "unreadable", "request_id", null, "code", null, "customer_id", null, "client_ip", null, "client_country", null),
                    row("entry_state", "recorded", "request_id", "req_d5", "code", "policy.embargo", "customer_id", null,
                            "client_ip", "203.0.113.9", "client_country", "KP"));
            assertThat(rows(r).get(3).get("message")).isEqualTo("No deployment of gpt-4o serves DE");
            assertThat((Long) rows(r).get(1).get("seq")).isLessThan((Long) rows(r).get(2).get("seq"));
        }
    }
}
