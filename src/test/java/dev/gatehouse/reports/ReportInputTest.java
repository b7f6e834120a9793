package dev.gatehouse.reports;

import dev.gatehouse.config.ComplianceConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is refused before any report reads the store: each refusal names the field at fault. */
class ReportInputTest {
    /** No store: every refusal here must come before one is needed. */
    private static final ReportSource NO_STORE = new ReportSource(null, ComplianceConfig.DEFAULTS, Clock.systemUTC());

    @Test
    void should_cover_whole_utc_days_from_the_first_to_the_last_inclusive() {
        ReportPeriod p = ReportPeriod.parse("2026-01-01", "2026-12-31");
        assertThat(p.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(p.end()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        ReportPeriod day = ReportPeriod.parse(" 2026-02-28 ", "2026-02-28");
        assertThat(day.end()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(ReportPeriod.parse(null, "")).isNull();
    }

    @Test
    void should_refuse_bad_dates_reversed_and_half_periods() {
        refused(() -> ReportPeriod.parse("2026-13-01", "2026-12-31"), "from", "2026-01-31");
        refused(() -> ReportPeriod.parse("2026-02-30", "2026-12-31"), "from", "2026-02-30");
        refused(() -> ReportPeriod.parse("2026-01-01T00:00:00Z", "2026-12-31"), "from", "a date");
        refused(() -> ReportPeriod.parse("2026-01-01", "yesterday"), "to", "yesterday");
        refused(() -> ReportPeriod.parse("0001-01-01", "2026-12-31"), "from", "1970");
        refused(() -> ReportPeriod.parse("2026-02-01", "2026-01-31"), "to", "before from");
        refused(() -> ReportPeriod.parse("2026-02-01", null), "to", "required");
        refused(() -> ReportPeriod.parse(null, "2026-02-01"), "from", "required");
    }

    @Test
    void should_refuse_unknown_reports_formats_parameters_and_a_missing_period() {
        assertThatThrownBy(() -> Reports.run(NO_STORE, "sales", ReportRequest.of(null)))
                .isInstanceOf(ReportInputException.UnknownReport.class)
                .hasMessageContaining("customer-identification, foreign-large-scale-use, cross-border-personal-data, policy-denials");
        refused(() -> ReportFormat.parse("xlsx"), "format", "csv or json");
        assertThat(ReportFormat.parse(" JSON ")).isEqualTo(ReportFormat.JSON);
        ReportPeriod year = ReportPeriod.parse("2026-01-01", "2026-12-31");
        refused(() -> Reports.run(NO_STORE, "policy-denials", new ReportRequest(year, Map.of("min_tokens", "5"))), "min_tokens", "takes none");
        refused(() -> Reports.run(NO_STORE, "foreign-large-scale-use", new ReportRequest(year, Map.of("min_token", "5"))),
                "min_token", "min_spend_usd, min_tokens");
        refused(() -> Reports.run(NO_STORE, "cross-border-personal-data", ReportRequest.of(null)), "from", "covers a period");
    }

    @Test
    void should_give_every_report_distinct_documented_columns() {
        assertThat(Reports.ALL).extracting(Report::name).doesNotHaveDuplicates();
        for (Report r : Reports.ALL) {
            assertThat(r.columns()).extracting(Column::name).as(r.name()).doesNotHaveDuplicates();
            assertThat(r.columns()).as(r.name()).allSatisfy(c -> assertThat(c.description()).isNotBlank());
        }
    }

    private static void refused(Runnable call, String field, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ReportInputException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
