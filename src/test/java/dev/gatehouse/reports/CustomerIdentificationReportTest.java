package dev.gatehouse.reports;

import dev.gatehouse.store.Database;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.gatehouse.reports.ReportRows.columns;
import static dev.gatehouse.reports.ReportRows.period;
import static dev.gatehouse.reports.ReportRows.row;
import static dev.gatehouse.reports.ReportRows.rows;
import static dev.gatehouse.reports.ReportRows.run;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerIdentificationReportTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_list_every_customer_with_its_cip_record_verification_and_screening(Supplier<Database> store) {
        try (Database db = store.get()) {
            ReportWorld.Ids ids = ReportWorld.seed(db, dir);
            ReportResult r = run(db, "customer-identification", null, Map.of());

            List<Map<String, Object>> rows = rows(r);
            assertThat(rows).extracting(m -> m.get("customer_id"))
                    .containsExactly(ids.volga(), ids.harbour(), ids.zhang(), ids.acme(), ids.berlin()); // creation order
            assertThat(rows.get(1)).isEqualTo(row(
                    "customer_id", ids.harbour(), "legal_name", ReportWorld.HARBOUR_NAME, "kind", "enterprise", "account_status", "active",
                    "country", "CN", "customer_since", Instant.parse("2025-06-01T00:00:00Z"), "closed_at", null,
                    "other_names", List.of(ReportWorld.HARBOUR_CHINESE), "addresses", List.of(ReportWorld.HARBOUR_ADDRESS),
                    "foreign", true, "prc_resident", true, "date_of_birth", null,
                    "identity_evidence_type", List.of("unified_social_credit_code", "passport"),
                    "identity_evidence_number", List.of("91440300MA5FXXXX1A", "E12345678"),
                    "identity_evidence_issuing_country", List.of("CN", "CN"),
                    "identity_evidence_expiry", Arrays.asList(null, "2030-01-31"),
                    "beneficial_owners", List.of("华为技术有限公司 (CN, 51%)"),
                    "payment_means", List.of("card: visa ending 1111", "alipay: account ending 1234"),
                    "emails", List.of("ops@harbour.example", "kyc@harbour.example"), "phones", List.of("+86 755 1234 5678"),
                    "access_ip_count", 2, "last_access_ip", "198.51.100.7", "last_access_at", Instant.parse("2026-03-01T00:00:00Z"),
                    "cip_version", 1, "cip_changed_at", Instant.parse("2025-06-02T00:00:00Z"),
                    "verification_status", "verified", "verification_decided_by", "usr_chief",
                    "verification_decided_at", Instant.parse("2025-06-03T00:00:00Z"), "reverify_on", LocalDate.parse("2027-06-03"),
                    "screening_state", "review", "open_screening_cases", 1, "last_screened_at", Instant.parse("2026-01-10T00:00:00Z")));
            assertThat(rows.get(2)).as("no CIP record, never verified or screened").isEqualTo(row(
                    "customer_id", ids.zhang(), "legal_name", "Zhang Wei", "kind", "individual", "account_status", "active",
                    "country", "US", "customer_since", Instant.parse("2025-07-01T00:00:00Z"), "closed_at", null,
                    "other_names", List.of(), "addresses", List.of(), "foreign", null, "prc_resident", null, "date_of_birth", null,
                    "identity_evidence_type", List.of(), "identity_evidence_number", List.of(), "identity_evidence_issuing_country", List.of(),
                    "identity_evidence_expiry", List.of(), "beneficial_owners", List.of(), "payment_means", List.of(),
                    "emails", List.of(), "phones", List.of(), "access_ip_count", 0, "last_access_ip", null, "last_access_at", null,
                    "cip_version", 0, "cip_changed_at", null,
                    "verification_status", "unverified", "verification_decided_by", null, "verification_decided_at", null, "reverify_on", null,
                    "screening_state", "not_screened", "open_screening_cases", 0, "last_screened_at", null));
            assertThat(columns(r, "account_status", "closed_at", "foreign", "screening_state", "open_screening_cases", "last_screened_at"))
                    .containsExactly(
                            row("account_status", "closed", "closed_at", Instant.parse("2025-09-01T00:00:00Z"), "foreign", true,
                                    "screening_state", "true_match", "open_screening_cases", 0, "last_screened_at", Instant.parse("2025-03-01T00:00:00Z")),
                            row("account_status", "active", "closed_at", null, "foreign", true,
                                    "screening_state", "review", "open_screening_cases", 1, "last_screened_at", Instant.parse("2026-01-10T00:00:00Z")),
                            row("account_status", "active", "closed_at", null, "foreign", null,
                                    "screening_state", "not_screened", "open_screening_cases", 0, "last_screened_at", null),
                            row("account_status", "active", "closed_at", null, "foreign", false,
                                    "screening_state", "clear", "open_screening_cases", 0, "last_screened_at", Instant.parse("2025-08-03T00:00:00Z")),
                            row("account_status", "active", "closed_at", null, "foreign", true, // an open block-band case and a false positive
                                    "screening_state", "hit", "open_screening_cases", 1, "last_screened_at", Instant.parse("2026-03-03T00:00:00Z")));
            assertThat(r.table().notes()).contains("1 of 5 customers without a CIP record (cip_version 0).",
                    "4 of 5 customers never taken through verification.");
            assertThat(r.period()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_list_with_a_period_only_the_customers_open_during_it(Supplier<Database> store) {
        try (Database db = store.get()) {
            ReportWorld.Ids ids = ReportWorld.seed(db, dir);
            assertThat(ids(run(db, "customer-identification", period("2026-01-01", "2026-12-31"), Map.of())))
                    .as("volga closed in 2025").containsExactly(ids.harbour(), ids.zhang(), ids.acme(), ids.berlin());
            assertThat(ids(run(db, "customer-identification", period("2025-09-01", "2025-09-01"), Map.of())))
                    .as("volga closed at the first instant of the day: still open during it").containsExactly(ids.volga(), ids.harbour(), ids.zhang(), ids.acme());
            assertThat(ids(run(db, "customer-identification", period("2025-09-02", "2026-02-28"), Map.of())))
                    .as("berlin opened on 2026-03-01").containsExactly(ids.harbour(), ids.zhang(), ids.acme());
            assertThat(ids(run(db, "customer-identification", period("2024-01-01", "2025-01-31"), Map.of()))).isEmpty();
        }
    }

    private static List<Object> ids(ReportResult r) {
        return rows(r).stream().map(m -> m.get("customer_id")).toList();
    }
}
