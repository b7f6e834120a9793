package dev.gatehouse.limits;

import dev.gatehouse.config.StoreConfig;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Ids;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Fresh databases for the limits tests, on both stores: a new in-memory H2 database, or a new
 * database in one embedded PostgreSQL shared by the JVM (started on first use).
 */
final class TestStores {
    private static EmbeddedPostgres postgres;

    private TestStores() {}

    /** The store kinds, for {@code @MethodSource}. */
    static Stream<String> kinds() { return Stream.of("h2", "postgresql"); }

    /** A fresh, migrated, empty database of {@code kind}. */
    static Database fresh(String kind) {
        String name = "limits_" + Ids.random(10);
        if ("h2".equals(kind)) return Database.open(new StoreConfig("jdbc:h2:mem:" + name, null, null, 8));
        EmbeddedPostgres pg = postgres();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Database.open(new StoreConfig(pg.getJdbcUrl("postgres", name), "postgres", null, 8));
    }

    /** Inserts a customer row (credit accounts reference customers). */
    static String customer(Database db) {
        String id = Ids.next("cus");
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, name, kind, country, status, created_at,"
                    + " updated_at) VALUES (?, ?, 'enterprise', 'DE', 'active', ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, "Customer " + id);
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                return ps.executeUpdate();
            }
        });
        return id;
    }

    /** Writes a usage record as metering would, with a cost and the scopes it belongs to. */
    static void usage(Database db, Instant ts, String customerId, String projectId, String keyId, long usdNanos, long cnyNanos) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_records (request_id, ts, customer_id, project_id,"
                    + " key_id, status, input_tokens, output_tokens, cached_tokens, tokens_reported, cost_usd_nanos,"
                    + " cost_cny_nanos, latency_ms) VALUES (?, ?, ?, ?, ?, 200, 10, 10, 0, TRUE, ?, ?, 5)")) {
                ps.setString(1, Ids.next("req"));
                ps.setTimestamp(2, Timestamp.from(ts));
                ps.setString(3, customerId);
                ps.setString(4, projectId);
                ps.setString(5, keyId);
                ps.setLong(6, usdNanos);
                ps.setLong(7, cnyNanos);
                return ps.executeUpdate();
            }
        });
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is leaving anyway
                }
            }));
        }
        return postgres;
    }
}
