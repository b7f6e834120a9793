package dev.gatehouse.store;

import dev.gatehouse.config.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Named;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Fresh, migrated databases for store tests, on both stores the gateway supports.
 * <p>
 * One embedded PostgreSQL serves the whole JVM (started on first use, stopped at JVM exit); every
 * call of {@link #postgres()} creates a new database on it, so tests never see each other's rows.
 * {@link #h2()} is a new in-memory H2 database each time. Typical use:
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("dev.gatehouse.store.StoreFixtures#both")
 * void should_do_x(Supplier<Database> store) { try (Database db = store.get()) { ... } }
 * }</pre>
 * The caller closes the returned {@link Database}.
 */
public final class StoreFixtures {
    private static final Object LOCK = new Object();
    private static EmbeddedPostgres server;

    private StoreFixtures() {}

    /** Both stores, named "h2" and "postgres" in test reports, each a supplier of a fresh database. */
    public static Stream<Named<Supplier<Database>>> both() {
        return Stream.of(Named.of("h2", StoreFixtures::h2), Named.of("postgres", StoreFixtures::postgres));
    }

    /** A fresh in-memory H2 database (PostgreSQL mode), migrated. */
    public static Database h2() {
        return Database.open(new StoreConfig("jdbc:h2:mem:t_" + Ids.random(12), "sa", null, 4));
    }

    /** A fresh database on the JVM's shared embedded PostgreSQL, migrated. */
    public static Database postgres() {
        return Database.open(new StoreConfig(postgresUrl(), "postgres", null, 4));
    }

    /** The JDBC URL of a new, empty database on the shared embedded PostgreSQL (for a gateway under test). */
    public static String postgresUrl() {
        EmbeddedPostgres pg = server();
        String name = "t_" + Ids.random(16);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on the embedded PostgreSQL", e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    private static EmbeddedPostgres server() {
        synchronized (LOCK) {
            if (server == null) {
                try {
                    server = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
                }
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the data directory is temporary anyway
                    }
                }, "embedded-postgres-stop"));
            }
            return server;
        }
    }
}
