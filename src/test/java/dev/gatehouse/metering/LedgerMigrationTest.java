package dev.gatehouse.metering;

import dev.gatehouse.config.StoreConfig;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreFixtures;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V11 rebuilds the usage ledger with the key (ts, request_id): a ledger written before it keeps
 * every row and value, and a replay of those same records afterwards inserts nothing, on both
 * stores.
 */
class LedgerMigrationTest {
    private static final Instant T = Instant.parse("2026-03-01T10:15:30.123456Z");

    @TempDir
    Path dir;

    @Test
    void should_keep_an_h2_ledger_written_before_the_rebuild() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        checkMigration(url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", new StoreConfig(url, "sa", null, 2));
    }

    @Test
    void should_keep_a_postgresql_ledger_written_before_the_rebuild() throws SQLException {
        String url = StoreFixtures.postgresUrl();
        checkMigration(url, "postgres", new StoreConfig(url, "postgres", null, 2));
    }

    private static void checkMigration(String jdbcUrl, String user, StoreConfig store) throws SQLException {
        Flyway.configure().dataSource(jdbcUrl, user, null).locations("classpath:db/migration").target("10").load().migrate();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, null); Statement s = c.createStatement()) {
            s.execute(insert("req_a", "cus_1", 10, 20, "'price_1'", "150"));
            s.execute(insert("req_b", "cus_2", 30, 40, "NULL", "NULL"));
        }

        try (Database db = Database.open(store)) {
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT request_id, customer_id, input_tokens, output_tokens, price_id, ttft_ms, ts"
                         + " FROM usage_records ORDER BY request_id")) {
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getInt(6)))
                        .containsExactly("req_a", "cus_1", 10L, 20L, "price_1", 150);
                assertThat(rs.getObject(7, java.time.OffsetDateTime.class).toInstant()).isEqualTo(T);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("req_b");
                assertThat(rs.getString(5)).isNull();
                assertThat(rs.getObject(6)).isNull();
                assertThat(rs.next()).isFalse();
            }
            UsageRecord replayed = Records.ok("req_a", T, 10, 20);
            assertThat(LedgerLoader.insert(db, List.of(replayed))).as("the same request at the same time is already there").isZero();
            assertThat(LedgerLoader.insert(db, List.of(Records.ok("req_c", T, 1, 1)))).isEqualTo(1);
        }
    }

    private static String insert(String requestId, String customer, long in, long out, String priceId, String ttft) {
        return "INSERT INTO usage_records (request_id, ts, customer_id, status, input_tokens, output_tokens, cached_tokens,"
                + " tokens_reported, cost_usd_nanos, cost_cny_nanos, latency_ms, ttft_ms, price_id) VALUES ('" + requestId
                + "', TIMESTAMP WITH TIME ZONE '2026-03-01 10:15:30.123456+00', '" + customer + "', 200, " + in + ", " + out
                + ", 0, TRUE, 0, 0, 5, " + ttft + ", " + priceId + ")";
    }
}
