package dev.gatehouse.reports;

import dev.gatehouse.store.Database;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.gatehouse.reports.ReportRows.columns;
import static dev.gatehouse.reports.ReportRows.period;
import static dev.gatehouse.reports.ReportRows.row;
import static dev.gatehouse.reports.ReportRows.rows;
import static dev.gatehouse.reports.ReportRows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The world's 2026 usage: harbour (foreign) reaches exactly 100M tokens; zhang (no CIP record), acme (not foreign) and config keys reach one too. */
class ForeignLargeScaleUseReportTest {
    private static final String REPORT = "foreign-large-scale-use";
    private static final String[] USAGE = {"customer_id", "period_from", "period_to", "triggered_by", "requests", "failed_requests",
            "input_tokens", "output_tokens", "total_tokens", "spend_usd", "spend_cny", "requests_by_route", "requests_by_upstream_model",
            "first_usage_day", "last_usage_day"};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_list_foreign_customers_whose_usage_reaches_the_configured_thresholds(Supplier<Database> store) {
        try (Database db = store.get()) {
            ReportWorld.Ids ids = ReportWorld.seed(db, dir);
            ReportResult r = run(db, REPORT, period("2026-01-01", "2026-12-31"), Map.of());

            assertThat(columns(r, USAGE)).containsExactly(row("customer_id", ids.harbour(),
                    "period_from", LocalDate.parse("2026-01-01"), "period_to", LocalDate.parse("2026-12-31"), "triggered_by", List.of("tokens"),
                    "requests", 3L, "failed_requests", 1L, "input_tokens", 75_000_000L, "output_tokens", 25_000_000L, "total_tokens", 100_000_000L,
                    "spend_usd", new BigDecimal("450.00"), "spend_cny", new BigDecimal("3150.00"),
                    "requests_by_route", ordered("gpt-4o", 2L, "claude-sonnet", 1L),
                    "requests_by_upstream_model", ordered("(none)", 1L, "claude-sonnet-4", 1L, "gpt-4o-2024-08-06", 1L),
                    "first_usage_day", LocalDate.parse("2026-01-01"), "last_usage_day", LocalDate.parse("2026-12-31")));
            assertThat(columns(r, "legal_name", "foreign", "identity_evidence_number", "payment_means", "verification_status", "screening_state"))
                    .containsExactly(row("legal_name", ReportWorld.HARBOUR_NAME, "foreign", true,
                            "identity_evidence_number", List.of("91440300MA5FXXXX1A", "E12345678"),
                            "payment_means", List.of("card: visa ending 1111", "alipay: account ending 1234"),
                            "verification_status", "verified", "screening_state", "review"));
            assertThat(r.table().parameters()).isEqualTo(row("min_tokens", 100_000_000L, "min_spend_usd", new BigDecimal("10000.00")));
            assertThat(r.table().notes()).contains(
                    "Reached a threshold but not foreign persons by their CIP record: 1 customer.",
                    "Reached a threshold without a CIP record, so whether they are foreign persons is unknown: " + ids.zhang() + ".",
                    "Keys from the config file (no customer) used 150000000 tokens and 5.00 USD in the period, reaching a threshold;"
                            + " that usage cannot be attributed to a customer.")
                    .anySatisfy(n -> assertThat(n).contains("routes no fine-tuning or batch jobs"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_take_thresholds_from_parameters_and_count_the_period_to_the_day(Supplier<Database> store) {
        try (Database db = store.get()) {
            ReportWorld.Ids ids = ReportWorld.seed(db, dir);
            ReportPeriod year = period("2026-01-01", "2026-12-31");
            assertThat(columns(run(db, REPORT, year, Map.of("min_tokens", "500")), "customer_id", "triggered_by", "total_tokens", "spend_usd"))
                    .containsExactly( // most spend first
                            row("customer_id", ids.harbour(), "triggered_by", List.of("tokens"), "total_tokens", 100_000_000L, "spend_usd", new BigDecimal("450.00")),
                            row("customer_id", ids.berlin(), "triggered_by", List.of("tokens"), "total_tokens", 1_000L, "spend_usd", new BigDecimal("0.01")));
            assertThat(columns(run(db, REPORT, year, Map.of("min_tokens", "1000000000000", "min_spend_usd", "0.01")), "customer_id", "triggered_by"))
                    .containsExactly(row("customer_id", ids.harbour(), "triggered_by", List.of("spend")),
                            row("customer_id", ids.berlin(), "triggered_by", List.of("spend")));
            assertThat(columns(run(db, REPORT, year, Map.of("min_tokens", "1000", "min_spend_usd", "0.01")), "customer_id", "triggered_by"))
                    .contains(row("customer_id", ids.berlin(), "triggered_by", List.of("tokens", "spend")));

            assertThat(rows(run(db, REPORT, period("2026-01-02", "2026-12-31"), Map.of()))).as("without the first instant: 20M tokens").isEmpty();
            assertThat(rows(run(db, REPORT, period("2026-01-01", "2026-12-30"), Map.of()))).as("without the last day: 80M tokens").isEmpty();
            assertThat(columns(run(db, REPORT, period("2025-12-31", "2026-12-31"), Map.of()), "input_tokens", "requests", "first_usage_day"))
                    .as("with the last millisecond of 2025").containsExactly(
                            row("input_tokens", 84_000_000L, "requests", 4L, "first_usage_day", LocalDate.parse("2025-12-31")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_refuse_bad_thresholds_and_a_missing_period(Supplier<Database> store) {
        try (Database db = store.get()) {
            ReportPeriod year = period("2026-01-01", "2026-12-31");
            assertThatThrownBy(() -> run(db, REPORT, year, Map.of("min_tokens", "-1")))
                    .isInstanceOfSatisfying(ReportInputException.class, e -> assertThat(e.field()).isEqualTo("min_tokens"));
            assertThatThrownBy(() -> run(db, REPORT, year, Map.of("min_spend_usd", "ten")))
                    .isInstanceOfSatisfying(ReportInputException.class, e -> assertThat(e.field()).isEqualTo("min_spend_usd"));
            assertThatThrownBy(() -> run(db, REPORT, year, Map.of("min_spend_usd", "0.0000000001")))
                    .isInstanceOfSatisfying(ReportInputException.class, e -> assertThat(e.getMessage()).contains("at most 9 decimals"));
            assertThatThrownBy(() -> run(db, REPORT, null, Map.of()))
                    .isInstanceOfSatisfying(ReportInputException.class, e -> assertThat(e.field()).isEqualTo("from"));
        }
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }
}
