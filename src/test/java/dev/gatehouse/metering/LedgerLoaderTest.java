package dev.gatehouse.metering;

import dev.gatehouse.store.Database;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerLoaderTest {
    private static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_replay_a_journal_left_by_a_crash_exactly_once(Supplier<Database> store) throws Exception {
        try (Database db = store.get()) {
            try (Journal j = Journal.open(dir, 5, 8 * 1024)) {
                for (int i = 0; i < 300; i++) j.append(Records.ok("req_" + i, T.plusSeconds(i), i, 2 * i)).await(5, TimeUnit.SECONDS);
            } // the process "dies": nothing was loaded
            try (Journal j = Journal.open(dir, 5); LedgerLoader loader = new LedgerLoader(j, db)) {
                assertThat(loader.start()).isEqualTo(300);
                assertThat(j.seal()).as("loaded segments are deleted").isEmpty();
            }
            assertThat(count(db, "SELECT COUNT(*) FROM usage_records")).isEqualTo(300);
            assertThat(count(db, "SELECT SUM(output_tokens) FROM usage_records")).isEqualTo(2L * (299 * 300 / 2));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_insert_nothing_twice_when_a_crash_came_between_insert_and_segment_delete(Supplier<Database> store) throws Exception {
        try (Database db = store.get()) {
            List<UsageRecord> records = List.of(Records.ok("a", T, 1, 1), Records.ok("b", T, 2, 2), Records.ok("c", T, 3, 3));
            try (Journal j = Journal.open(dir, 5)) {
                for (UsageRecord r : records) j.append(r).await(5, TimeUnit.SECONDS);
            }
            // The loader committed the first two, then the process died before deleting the segment.
            assertThat(LedgerLoader.insert(db, records.subList(0, 2))).isEqualTo(2);
            try (Journal j = Journal.open(dir, 5); LedgerLoader loader = new LedgerLoader(j, db)) {
                assertThat(loader.start()).isEqualTo(1);
            }
            assertThat(count(db, "SELECT COUNT(*) FROM usage_records")).isEqualTo(3);
            assertThat(LedgerLoader.insert(db, records)).as("ON CONFLICT DO NOTHING skips them all").isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM usage_records")).isEqualTo(3);
        }
    }

    /**
     * Known and new records interleaved, across more than one statement: the count must be the new
     * ones only. (PostgreSQL's driver, rewriting a JDBC batch into multi-row INSERTs, reports no
     * count per row; a loader that summed those would say 250 here.)
     */
    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_count_only_the_new_records_when_known_and_new_ones_interleave(Supplier<Database> store) throws Exception {
        try (Database db = store.get()) {
            List<UsageRecord> all = new ArrayList<>();
            for (int i = 0; i < 250; i++) all.add(Records.ok(String.format("req_%03d", i), T.plusSeconds(i), i, 1));
            List<UsageRecord> even = all.stream().filter(r -> Integer.parseInt(r.requestId().substring(4)) % 2 == 0).toList();
            assertThat(LedgerLoader.insert(db, even)).isEqualTo(125);
            assertThat(LedgerLoader.insert(db, all)).as("only the odd ones were new").isEqualTo(125);
            assertThat(LedgerLoader.insert(db, all)).as("nothing was new").isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM usage_records")).isEqualTo(250);
            assertThat(count(db, "SELECT SUM(input_tokens) FROM usage_records")).isEqualTo(249 * 250 / 2);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_load_a_segment_exactly_once_after_its_load_failed_part_way(Supplier<Database> store) throws Exception {
        try (Database db = store.get()) {
            try (Journal j = Journal.open(dir, 5)) {
                for (int i = 0; i < 250; i++) j.append(Records.ok(String.format("req_%03d", i), T.plusSeconds(i), i, 1)).await(5, TimeUnit.SECONDS);
            }
            // the database refuses one row in the middle of the segment (as a failing disk or a dropped connection would)
            db.withConnection(c -> c.createStatement().execute("ALTER TABLE usage_records ADD CONSTRAINT refuse_one CHECK (request_id <> 'req_180')"));
            try (Journal j = Journal.open(dir, 5); LedgerLoader loader = new LedgerLoader(j, db)) {
                assertThatThrownBy(loader::loadNow).isInstanceOf(RuntimeException.class);
                assertThat(j.seal()).as("a segment that failed to load stays").hasSize(1);
                // H2 commits every 100 rows, so the first batch stands; PostgreSQL commits the segment whole
                assertThat(count(db, "SELECT COUNT(*) FROM usage_records")).isEqualTo(db.isPostgres() ? 0 : 100);

                db.withConnection(c -> c.createStatement().execute("ALTER TABLE usage_records DROP CONSTRAINT refuse_one"));
                assertThat(loader.loadNow()).isEqualTo(db.isPostgres() ? 250 : 150);
                assertThat(j.seal()).isEmpty();
            }
            assertThat(count(db, "SELECT COUNT(*) FROM usage_records")).isEqualTo(250);
            assertThat(count(db, "SELECT COUNT(DISTINCT request_id) FROM usage_records")).isEqualTo(250);
            assertThat(count(db, "SELECT SUM(input_tokens) FROM usage_records")).isEqualTo(249 * 250 / 2);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_keep_loading_in_the_background_and_store_every_field(Supplier<Database> store) throws Exception {
        try (Database db = store.get();
             Journal j = Journal.open(dir, 5);
             LedgerLoader loader = new LedgerLoader(j, db, Duration.ofMillis(50))) {
            loader.start();
            UsageRecord r = new UsageRecord(T, "req_full", "cus_a", "prj_a", "key_a", "gpt-4o", "openai", "gpt-4o-2024", "eu",
                    200, null, 120, 30, 20, true, 123_456, 876_543, "prc_1", 250, 80);
            j.append(r).await(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (count(db, "SELECT COUNT(*) FROM usage_records") == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            UsageRecord back = db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT ts, customer_id, project_id, key_id, route, provider,"
                        + " upstream_model, region, status, input_tokens, output_tokens, cached_tokens, tokens_reported,"
                        + " cost_usd_nanos, cost_cny_nanos, price_id, latency_ms, ttft_ms FROM usage_records WHERE request_id = 'req_full'");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new UsageRecord(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), "req_full",
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getInt(9), null, rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getBoolean(13),
                            rs.getLong(14), rs.getLong(15), rs.getString(16), rs.getInt(17), rs.getInt(18));
                }
            });
            assertThat(back).isEqualTo(r);
        }
    }

    static long count(Database db, String sql) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
