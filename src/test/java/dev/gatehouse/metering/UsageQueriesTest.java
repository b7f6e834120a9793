package dev.gatehouse.metering;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.metering.UsageQueries.GroupTotals;
import dev.gatehouse.metering.UsageQueries.SeriesPoint;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageQueriesTest {
    private static final Instant DAY1 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant H11 = Instant.parse("2026-03-01T11:00:00Z");
    private static final Instant H23 = Instant.parse("2026-03-01T23:00:00Z");
    private static final String ODD_ROUTE = "odd, \"quoted\"\nmodel";

    private static final Database H2 = seed(StoreFixtures.h2());
    private static final Database PG = seed(StoreFixtures.postgres());

    static Stream<Named<UsageQueries>> stores() {
        return Stream.of(Named.of("h2", new UsageQueries(H2)), Named.of("postgres", new UsageQueries(PG)));
    }

    @AfterAll
    static void close() {
        H2.close();
        PG.close();
    }

    private static Database seed(Database db) {
        LedgerLoader.insert(db, List.of(
                Records.of("a1", t("10:05"), "cus_a", "prj_a", "key_a", "gpt-4o", "openai", "gpt-4o-2024", 200, 100, 50, 0, 1000, 7000),
                Records.of("a2", t("10:40"), "cus_a", "prj_a", "key_a", "gpt-4o", "openai", "gpt-4o-2024", 200, 200, 20, 0, 2000, 14000),
                Records.of("a3", t("11:10"), "cus_a", "prj_a", "key_a", "gpt-4o", "openai", "gpt-4o-2024", 200, 300, 30, 0, 3000, 21000),
                Records.of("a4", t("23:30"), "cus_a", "prj_b", "key_b", "claude-sonnet", "anthropic", "claude-sonnet-4-5", 502, 0, 0, 0, 0, 0),
                Records.of("a5", DAY2.plusSeconds(1800), "cus_a", "prj_b", "key_b", "claude-sonnet", "anthropic", "claude-sonnet-4-5", 200, 50, 5, 10, 500, 3500),
                Records.of("b1", t("10:20"), "cus_b", "prj_c", "key_c", "gpt-4o", "openai", "gpt-4o-2024", 200, 1000, 100, 0, 10000, 70000),
                Records.of("c1", t("10:30"), null, null, "key_cfg", "gpt-4o", "openai", "gpt-4o-2024", 200, 1, 1, 0, 10, 70),
                Records.of("d1", t("12:00"), "cus_d", "prj_d", "key_d", ODD_ROUTE, "openai", "gpt-4o-2024", 200, 7, 3, 0, 1000, 7100)));
        return db;
    }

    private static Instant t(String hhmm) { return Instant.parse("2026-03-01T" + hhmm + ":00Z"); }

    private static UsageFilter filter(String customer, String project, String key, String model, String provider, Instant from, Instant to) {
        return new UsageFilter(customer, project, key, model, provider, from, to);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void should_total_a_customers_usage_over_a_range(UsageQueries q) {
        assertThat(q.totals(UsageFilter.customer("cus_a", DAY1, DAY2.plusSeconds(86_400))))
                .isEqualTo(new UsageTotals(5, 1, 650, 105, 10, 6500, 45500));
        assertThat(q.totals(UsageFilter.customer("cus_a", DAY1, DAY2))).as("the range excludes its end")
                .isEqualTo(new UsageTotals(4, 1, 600, 100, 0, 6000, 42000));
        assertThat(q.totals(UsageFilter.customer("cus_nobody", null, null))).isEqualTo(UsageTotals.ZERO);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void should_filter_by_project_key_model_provider_and_time(UsageQueries q) {
        assertThat(q.totals(filter(null, "prj_b", null, null, null, null, null)).requests()).isEqualTo(2);
        assertThat(q.totals(filter(null, null, "key_a", null, null, null, null)).requests()).isEqualTo(3);
        assertThat(q.totals(filter(null, null, null, "claude-sonnet", null, null, null)).requests()).as("by route").isEqualTo(2);
        assertThat(q.totals(filter(null, null, null, "claude-sonnet-4-5", null, null, null)).requests()).as("by upstream model").isEqualTo(2);
        assertThat(q.totals(filter(null, null, null, null, "openai", null, null)).requests()).isEqualTo(6);
        assertThat(q.totals(filter("cus_a", null, null, null, "openai", t("10:40"), t("11:10"))))
                .isEqualTo(new UsageTotals(1, 0, 200, 20, 0, 2000, 14000));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void should_group_totals_by_a_dimension_largest_cost_first(UsageQueries q) {
        List<GroupTotals> byCustomer = q.totalsBy(UsageFilter.all(), UsageDimension.CUSTOMER);
        assertThat(byCustomer).extracting(GroupTotals::group).containsExactly("cus_b", "cus_a", "cus_d", null);
        assertThat(byCustomer.get(1).totals().costUsdNanos()).isEqualTo(6500);
        assertThat(q.totalsBy(UsageFilter.customer("cus_a", null, null), UsageDimension.MODEL))
                .containsExactly(new GroupTotals("gpt-4o", new UsageTotals(3, 0, 600, 100, 0, 6000, 42000)),
                        new GroupTotals("claude-sonnet", new UsageTotals(2, 1, 50, 5, 10, 500, 3500)));
        assertThat(q.totalsBy(UsageFilter.customer("cus_a", null, null), UsageDimension.PROVIDER))
                .extracting(GroupTotals::group).containsExactly("openai", "anthropic");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void should_bucket_a_time_series_by_utc_hour_and_day(UsageQueries q) {
        List<SeriesPoint> hours = q.series(UsageFilter.customer("cus_a", null, null), UsageBucket.HOUR, null);
        assertThat(hours).extracting(SeriesPoint::start).containsExactly(H10, H11, H23, DAY2);
        assertThat(hours.get(0).totals()).isEqualTo(new UsageTotals(2, 0, 300, 70, 0, 3000, 21000));
        assertThat(hours.get(0).group()).isNull();

        List<SeriesPoint> days = q.series(UsageFilter.customer("cus_a", null, null), UsageBucket.DAY, null);
        assertThat(days).extracting(SeriesPoint::start).containsExactly(DAY1, DAY2);
        assertThat(days).extracting(p -> p.totals().requests()).containsExactly(4L, 1L);

        List<SeriesPoint> daysByModel = q.series(UsageFilter.customer("cus_a", null, null), UsageBucket.DAY, UsageDimension.MODEL);
        assertThat(daysByModel).extracting(p -> p.start() + " " + p.group() + " " + p.totals().requests())
                .containsExactly(DAY1 + " claude-sonnet 1", DAY1 + " gpt-4o 3", DAY2 + " claude-sonnet 1");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void should_export_raw_records_as_rfc_4180_csv(UsageQueries q) {
        StringBuilder out = new StringBuilder();
        assertThat(q.exportCsv(UsageFilter.customer("cus_a", DAY1, H11), out)).isEqualTo(2);
        assertThat(out.toString()).isEqualTo(UsageQueries.CSV_HEADER + "\r\n"
                + "2026-03-01T10:05:00Z,a1,cus_a,prj_a,key_a,gpt-4o,openai,gpt-4o-2024,,200,,100,50,0,true,0.000001000,0.000007000,prc_x,100,\r\n"
                + "2026-03-01T10:40:00Z,a2,cus_a,prj_a,key_a,gpt-4o,openai,gpt-4o-2024,,200,,200,20,0,true,0.000002000,0.000014000,prc_x,100,\r\n");

        StringBuilder odd = new StringBuilder();
        q.exportCsv(UsageFilter.customer("cus_d", null, null), odd);
        assertThat(odd.toString()).contains(",key_d,\"odd, \"\"quoted\"\"\nmodel\",openai,");
    }

    @Test
    void should_refuse_an_unknown_group_or_bucket_and_a_reversed_range_with_a_clear_message() {
        assertThatThrownBy(() -> UsageDimension.parse("colour")).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo("group_by");
            assertThat(e.getMessage()).contains("'colour'", "customer, project, key, model, upstream_model, provider");
        });
        assertThatThrownBy(() -> UsageBucket.parse("week")).isInstanceOf(GatewayException.class).hasMessageContaining("hour or day");
        assertThatThrownBy(() -> UsageFilter.customer("cus_a", DAY2, DAY1)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("reversed", "2026-03-02T00:00:00Z");
        });
        assertThat(UsageDimension.parse("upstream_model")).isEqualTo(UsageDimension.UPSTREAM_MODEL);
    }
}
