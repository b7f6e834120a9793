package dev.gatehouse.reports;

import dev.gatehouse.store.Database;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.gatehouse.reports.ReportRows.period;
import static dev.gatehouse.reports.ReportRows.row;
import static dev.gatehouse.reports.ReportRows.rows;
import static dev.gatehouse.reports.ReportRows.run;
import static org.assertj.core.api.Assertions.assertThat;

class CrossBorderPersonalDataReportTest {
    private static final String REPORT = "cross-border-personal-data";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_count_subjects_and_records_per_year_provider_and_kind_with_distinct_year_totals(Supplier<Database> store) {
        try (Database db = store.get()) {
            ReportWorld.seed(db, dir);
            ReportResult r = run(db, REPORT, period("2025-03-01", "2026-12-31"), Map.of());

            assertThat(rows(r)).containsExactly(
                    detail(2025, "openai", "email", false, 1, 1),
                    total(2025, 1, 0, 1, "0.000010", "0.000000", "0.000001"),
                    detail(2026, "anthropic", "id_number", true, 1, 1),
                    detail(2026, "anthropic", "mobile", false, 2, 2),
                    detail(2026, "openai", "email", false, 1, 1),
                    detail(2026, "openai", "id_number", true, 2, 3),
                    // s1 went to both providers: 5 distinct subjects, not 6; 2 sensitive (s1, s2)
                    total(2026, 5, 2, 7, "0.000050", "0.000200", "0.000005"));
            assertThat(r.table().notes().getFirst()).startsWith("Years 2025 to 2026, whole calendar years");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_show_a_year_without_transfers_and_a_threshold_reached(Supplier<Database> store) {
        try (Database db = store.get()) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) rows.add(new Object[] {2024, "openai", "id_number", true, "p" + i});
            rows.add(new Object[] {2024, "openai", "id_number", true, "p0"}); // a subject seen twice counts once
            ReportWorld.insertTransfers(db, null, rows);

            ReportResult r = run(db, REPORT, period("2023-12-31", "2024-01-01"), Map.of());
            assertThat(rows(r)).containsExactly(
                    total(2023, 0, 0, 0, "0.000000", "0.000000", "0.000000"),
                    detail(2024, "openai", "id_number", true, 10_000, 10_001),
                    row("year", 2024, "row_type", "year_total", "provider", null, "kind", null, "sensitive", null,
                            "subjects", 10_000L, "sensitive_subjects", 10_000L, "records", 10_001L,
                            "fraction_of_personal_information", new BigDecimal("0.100000"),
                            "fraction_of_sensitive_personal_information", new BigDecimal("1.000000"),
                            "fraction_of_security_assessment", new BigDecimal("0.010000"),
                            "thresholds_reached", List.of("sensitive_personal_information")));
        }
    }

    private static Map<String, Object> detail(int year, String provider, String kind, boolean sensitive, long subjects, long records) {
        return row("year", year, "row_type", "detail", "provider", provider, "kind", kind, "sensitive", sensitive,
                "subjects", subjects, "sensitive_subjects", sensitive ? subjects : 0L, "records", records,
                "fraction_of_personal_information", null, "fraction_of_sensitive_personal_information", null,
                "fraction_of_security_assessment", null, "thresholds_reached", null);
    }

    private static Map<String, Object> total(int year, long subjects, long sensitive, long records, String pi, String spi, String assessment) {
        return row("year", year, "row_type", "year_total", "provider", null, "kind", null, "sensitive", null,
                "subjects", subjects, "sensitive_subjects", sensitive, "records", records,
                "fraction_of_personal_information", new BigDecimal(pi), "fraction_of_sensitive_personal_information", new BigDecimal(spi),
                "fraction_of_security_assessment", new BigDecimal(assessment), "thresholds_reached", List.of());
    }
}
